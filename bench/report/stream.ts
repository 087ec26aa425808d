// The streaming section of REPORT.md, from results/stream.json (stream.bench.ts).
import { num, table } from './format.ts';

export interface StreamResult {
  generatedAt: string;
  quick: boolean;
  loadAverage: { before: number[]; after: number[] };
  method: Record<string, string | number>;
  rows: { indicator: string; params: Record<string, number>; updatesPerSecond: Record<string, number>; bytesPerUpdate: Record<string, number>; p50Us: Record<string, number>; p99Us: Record<string, number> }[];
  webSocket: { indicator: string; sequential: { updatesPerSecond: number; p50Us: number; p99Us: number }; pipelined: { updatesPerSecond: number } }[];
}

const NUMERIC = 'chitti numeric';
const OBJECT = 'chitti object';
const PEER = 'trading-signals';

export function streamSection(s: StreamResult): string[] {
  const md: string[] = [];
  md.push('## Streaming (bench/stream.bench.ts)');
  md.push('');
  md.push(`From \`results/stream.json\` (${s.generatedAt}${s.quick ? ', quick' : ''}, load ${s.loadAverage.before.map((v) => v.toFixed(2)).join(' / ')} → ${s.loadAverage.after.map((v) => v.toFixed(2)).join(' / ')}). Method: ${s.method.polymorphism}; ${s.method.updatesPerSample} updates per sample, ${s.method.rounds} rounds, medians. ${s.method.allocation}.`);
  md.push('');
  md.push('`chitti numeric` is `stream.update(close)` / `stream.update(high, low, close)` (outputs in `stream.values`); `chitti object` is `stream.update({ close })` returning an object; trading-signals is `.add()`. Millions of updates per second (higher is better), and bytes allocated per update: the numeric form allocates nothing itself; the 16 bytes per number that remain are V8 boxing each double argument and the returned double when a call is not inlined.');
  md.push('');
  let misses = 0;
  md.push(table(['indicator', 'numeric (M/s)', 'object (M/s)', 'trading-signals (M/s)', 'numeric / trading-signals', 'bytes per update: numeric, object, trading-signals'], s.rows.map((r) => {
    const a = r.updatesPerSecond[NUMERIC]!;
    const b = r.updatesPerSecond[PEER]!;
    if (a < b) misses++;
    return [
      r.indicator,
      num(a / 1e6),
      num(r.updatesPerSecond[OBJECT]! / 1e6),
      num(b / 1e6),
      `${num(a / b)}× ${a >= b ? 'pass' : '**miss**'}`,
      [NUMERIC, OBJECT, PEER].map((k) => num(r.bytesPerUpdate[k]!)).join(', '),
    ];
  })));
  md.push('');
  md.push(`Target (at least trading-signals' updates per second for every indicator both have): ${misses === 0 ? 'met for every indicator' : `**missed for ${misses}**`} with the numeric form.`);
  md.push('');
  md.push('Over the service\'s WebSocket (one connection, service in the same process):');
  md.push('');
  md.push(table(['indicator', 'sequential round trips/s', 'p50 µs', 'p99 µs', 'pipelined updates/s'], s.webSocket.map((w) => [w.indicator, num(w.sequential.updatesPerSecond), num(w.sequential.p50Us), num(w.sequential.p99Us), num(w.pipelined.updatesPerSecond)])));
  md.push('');
  return md;
}
