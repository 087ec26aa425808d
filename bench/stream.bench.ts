// Streaming benchmark: bar-by-bar updates per second, per indicator, for Chitti's IndicatorStream
// (the numeric form `update(close)` / `update(high, low, close)` and the object form
// `update({ close })`) and trading-signals' `.add()` (the peer with a streaming API), and over the
// service's WebSocket (/v1/stream) on loopback.
//
// Library figures as a strategy sees them: every indicator's streams are updated in one process
// through the same call sites (so those sites see every stream type: polymorphic, as in an
// application that updates many indicators), warmed up together, then timed in interleaved rounds
// (median of the rounds). Bytes allocated per update are measured per contender: zero means the
// update path allocates nothing. Writes results/stream.json. `npm run bench:stream`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getHeapSpaceStatistics } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { createStream, type Bar, type IndicatorStream } from '@chitti/kernels';
import * as ts from 'trading-signals';
import { buildApp } from '../services/compute/src/app.ts';
import { median } from './lib/measure.ts';
import { load, machineInfo, packageVersion } from './lib/machine.ts';

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
const BARS = 100_000;
const UPDATES_PER_SAMPLE = quick ? 100_000 : 400_000;
const ROUNDS = quick ? 3 : 7;
const ALLOCATION_UPDATES = 10_000;
const WS_SEQUENTIAL = quick ? 1_000 : 3_000;
const WS_PIPELINED = quick ? 5_000 : 20_000;
const WS_WINDOW = 256;

type Field = 'high' | 'low' | 'close' | 'volume';

interface Case {
  id: string;
  params: Record<string, number>;
  inputs: Field[];
  peer: () => { add(input: never): unknown };
}

const hlc: Field[] = ['high', 'low', 'close'];
const CASES: Case[] = [
  { id: 'sma', params: { period: 20 }, inputs: ['close'], peer: () => new ts.SMA(20) },
  { id: 'ema', params: { period: 20 }, inputs: ['close'], peer: () => new ts.EMA(20) },
  { id: 'rsi', params: { period: 14 }, inputs: ['close'], peer: () => new ts.RSI(14) },
  { id: 'bbands', params: { period: 20, devUp: 2, devDown: 2 }, inputs: ['close'], peer: () => new ts.BollingerBands(20, 2) },
  { id: 'macd', params: { fast: 12, slow: 26, signal: 9 }, inputs: ['close'], peer: () => new ts.MACD(new ts.EMA(12), new ts.EMA(26), new ts.EMA(9)) },
  { id: 'atr', params: { period: 14 }, inputs: hlc, peer: () => new ts.ATR(14) },
  { id: 'stoch', params: { fastK: 5, slowK: 3, slowD: 3 }, inputs: hlc, peer: () => new ts.StochasticOscillator({ kPeriod: 5, kSlowingPeriod: 3, dPeriod: 3 }) },
  { id: 'willr', params: { period: 14 }, inputs: hlc, peer: () => new ts.WilliamsR(14) },
  { id: 'cci', params: { period: 20 }, inputs: hlc, peer: () => new ts.CCI(20) },
  { id: 'adx', params: { period: 14 }, inputs: hlc, peer: () => new ts.ADX(14) },
  { id: 'mfi', params: { period: 14 }, inputs: ['high', 'low', 'close', 'volume'], peer: () => new ts.MFI(14) },
];

/** A deterministic random walk of n bars, as columns. */
function columns(n: number): Record<Field, Float64Array> {
  const cols = { high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  let s = 7;
  let p = 100;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    p = Math.max(1, p + (s / 2147483648 - 0.5) * 2);
    cols.high[i] = p + 0.5 + (s % 100) / 200;
    cols.low[i] = p - 0.5 - (s % 70) / 200;
    cols.close[i] = p;
    cols.volume[i] = 1000 + (s % 5000);
  }
  return cols;
}

const COLS = columns(BARS);

/** One way of updating one indicator: `run(count, from)` makes `count` updates starting at bar `from`. */
interface Contender {
  name: string;
  run(count: number, from: number): number;
}

// The shared call sites. Each driver is one function for every indicator, so the stream's methods
// are called from sites that see every indicator's type.
function driveNumeric(s: IndicatorStream, cols: readonly Float64Array[], count: number, from: number): number {
  const a = cols[0]!, b = cols[1]!, c = cols[2]!, d = cols[3]!;
  const arity = cols.length;
  let acc = 0;
  for (let k = 0, i = from; k < count; k++, i = i + 1 === BARS ? 0 : i + 1) {
    acc += arity === 1 ? s.update(a[i]!) : arity === 3 ? s.update(a[i]!, b[i]!, c[i]!) : arity === 2 ? s.update(a[i]!, b[i]!) : s.update(a[i]!, b[i]!, c[i]!, d[i]!);
  }
  return acc;
}

function driveObject(s: IndicatorStream, bars: readonly Bar[], count: number, from: number): number {
  let acc = 0;
  for (let k = 0, i = from; k < count; k++, i = i + 1 === BARS ? 0 : i + 1) acc += s.update(bars[i]!)[s.outputNames[0]!]!;
  return acc;
}

function drivePeer(s: { add(input: unknown): unknown }, inputs: readonly unknown[], count: number, from: number): number {
  let acc = 0;
  for (let k = 0, i = from; k < count; k++, i = i + 1 === BARS ? 0 : i + 1) if (s.add(inputs[i]) !== null) acc++;
  return acc;
}

function contenders(c: Case): Contender[] {
  const numeric = createStream(c.id, c.params);
  const object = createStream(c.id, c.params);
  const peer = c.peer() as { add(input: unknown): unknown };
  const cols = c.inputs.map((f) => COLS[f]);
  const bars: Bar[] = Array.from({ length: BARS }, (_, i) => Object.fromEntries(c.inputs.map((f) => [f, COLS[f][i]!])));
  // trading-signals takes a number for close-only indicators and a candle object otherwise.
  const peerInputs: unknown[] = c.inputs.length === 1 ? Array.from(COLS.close) : bars.map((b) => ({ ...b }));
  return [
    { name: 'chitti numeric', run: (count, from) => driveNumeric(numeric, cols, count, from) },
    { name: 'chitti object', run: (count, from) => driveObject(object, bars, count, from) },
    { name: 'trading-signals', run: (count, from) => drivePeer(peer, peerInputs, count, from) },
  ];
}

/**
 * Bytes allocated on the JavaScript heap per update: the young generation's growth over `count`
 * updates, taken from a run during which no collection happened (its size would otherwise shrink).
 */
function bytesPerUpdate(x: Contender, count: number): number {
  const young = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;
  for (let attempt = 0; attempt < 20; attempt++) {
    const before = young();
    x.run(count, attempt * 101);
    const after = young();
    if (after >= before) return (after - before) / count;
  }
  return NaN;
}

interface LibraryRow {
  indicator: string;
  params: Record<string, number>;
  /** Median updates per second over the rounds, by contender. */
  updatesPerSecond: Record<string, number>;
  /** Bytes allocated per update (young generation), by contender. */
  bytesPerUpdate: Record<string, number>;
  /** Per-update latency (timer cost included), by contender. */
  p50Us: Record<string, number>;
  p99Us: Record<string, number>;
}

function library(): LibraryRow[] {
  const all = CASES.map((c) => ({ c, list: contenders(c) }));
  // Warm up every contender of every case first, so each shared call site has seen them all.
  for (let w = 0; w < 3; w++) for (const { list } of all) for (const x of list) x.run(20_000, 0);
  const samples = new Map<string, number[]>();
  let from = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const { c, list } of all) {
      for (let j = 0; j < list.length; j++) {
        const x = list[(j + r) % list.length]!;
        const t0 = performance.now();
        x.run(UPDATES_PER_SAMPLE, from);
        const seconds = (performance.now() - t0) / 1000;
        const key = `${c.id}|${x.name}`;
        samples.set(key, [...(samples.get(key) ?? []), UPDATES_PER_SAMPLE / seconds]);
      }
      from = (from + 7919) % BARS;
    }
  }
  const rows: LibraryRow[] = [];
  for (const { c, list } of all) {
    const row: LibraryRow = { indicator: c.id, params: c.params, updatesPerSecond: {}, bytesPerUpdate: {}, p50Us: {}, p99Us: {} };
    for (const x of list) {
      row.updatesPerSecond[x.name] = median(samples.get(`${c.id}|${x.name}`)!);
      row.bytesPerUpdate[x.name] = bytesPerUpdate(x, ALLOCATION_UPDATES);
      const lat = new Float64Array(20_000);
      for (let i = 0; i < lat.length; i++) {
        const a = process.hrtime.bigint();
        x.run(1, i);
        lat[i] = Number(process.hrtime.bigint() - a) / 1000;
      }
      lat.sort();
      row.p50Us[x.name] = lat[lat.length >> 1]!;
      row.p99Us[x.name] = lat[Math.floor(lat.length * 0.99)]!;
    }
    rows.push(row);
    const f = (n: number) => (n / 1e6).toFixed(1).padStart(6);
    console.log(`${c.id.padEnd(7)} M updates/s: ${list.map((x) => `${x.name} ${f(row.updatesPerSecond[x.name]!)}`).join(' | ')} | bytes/update: ${list.map((x) => `${x.name} ${row.bytesPerUpdate[x.name]!.toFixed(1)}`).join(', ')}`);
  }
  return rows;
}

/** One WebSocket with one stream open; replies arrive in order. */
async function connect(url: string, c: Case): Promise<{ ws: WebSocket; next: () => Promise<string> }> {
  const ws = new WebSocket(url);
  const queue: string[] = [];
  let waiter: ((s: string) => void) | undefined;
  ws.onmessage = (e) => {
    if (waiter) {
      const w = waiter;
      waiter = undefined;
      w(String(e.data));
    } else queue.push(String(e.data));
  };
  await new Promise((resolve, reject) => ((ws.onopen = resolve), (ws.onerror = reject)));
  const next = () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise<string>((r) => (waiter = r)));
  ws.send(JSON.stringify({ op: 'open', key: 'B', id: c.id, params: c.params }));
  const opened = JSON.parse(await next()) as { op: string };
  if (opened.op !== 'opened') throw new Error(`open ${c.id}: ${JSON.stringify(opened)}`);
  return { ws, next };
}

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function overWebSocket(url: string, c: Case): Promise<{ sequential: { updatesPerSecond: number; p50Us: number; p99Us: number }; pipelined: { updatesPerSecond: number } }> {
  const { ws, next } = await connect(url, c);
  const msgs = Array.from({ length: WS_PIPELINED }, (_, i) => JSON.stringify({ op: 'update', key: 'B', bar: Object.fromEntries(c.inputs.map((f) => [f, COLS[f][i]!])) }));
  for (let i = 0; i < 300; i++) (ws.send(msgs[i]!), await next()); // warm-up
  const lat = new Float64Array(WS_SEQUENTIAL);
  const t0 = performance.now();
  for (let i = 0; i < WS_SEQUENTIAL; i++) {
    const a = performance.now();
    ws.send(msgs[i]!);
    const reply = await next();
    lat[i] = (performance.now() - a) * 1000;
    if (i === 0 && !reply.startsWith('{"op":"output"')) throw new Error(`update ${c.id}: ${reply}`);
  }
  const seqSeconds = (performance.now() - t0) / 1000;
  lat.sort();
  const t1 = performance.now();
  let sent = 0;
  let received = 0;
  while (sent < WS_WINDOW) ws.send(msgs[sent++]!);
  while (received < WS_PIPELINED) {
    await next();
    received++;
    if (sent < WS_PIPELINED) ws.send(msgs[sent++]!);
  }
  const pipeSeconds = (performance.now() - t1) / 1000;
  ws.close();
  return {
    sequential: { updatesPerSecond: WS_SEQUENTIAL / seqSeconds, p50Us: percentile(lat, 0.5), p99Us: percentile(lat, 0.99) },
    pipelined: { updatesPerSecond: WS_PIPELINED / pipeSeconds },
  };
}

const loadBefore = load();
const started = performance.now();
const rows = library();

// No message budget: the pipelined run measures throughput, not the per-connection limit.
const app = await buildApp({ speedupIntervalSeconds: -1, limits: { streamMessagesPerSecond: 0 } });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1/stream`;
const webSocket = [];
for (const c of CASES) {
  const w = await overWebSocket(url, c);
  webSocket.push({ indicator: c.id, ...w });
  console.log(`${c.id.padEnd(7)} ws sequential ${Math.round(w.sequential.updatesPerSecond)}/s p50 ${w.sequential.p50Us.toFixed(0)} µs p99 ${w.sequential.p99Us.toFixed(0)} µs | pipelined ${Math.round(w.pipelined.updatesPerSecond)}/s`);
}
await app.close();

const result = {
  generatedAt: new Date().toISOString(),
  quick,
  durationSeconds: Math.round((performance.now() - started) / 1000),
  machine: machineInfo(),
  loadAverage: { before: loadBefore, after: load() },
  versions: { '@chitti/kernels': packageVersion('@chitti/kernels'), 'trading-signals': packageVersion('trading-signals') },
  method: {
    updatesPerSample: UPDATES_PER_SAMPLE,
    rounds: ROUNDS,
    polymorphism: `all ${CASES.length} indicators' streams of every contender updated through shared call sites, warmed up together, sampled in interleaved rounds`,
    allocation: `bytes allocated per update: young-generation growth over ${ALLOCATION_UPDATES.toLocaleString('en-US')} updates without a collection`,
    latency: 'per update, timed with process.hrtime.bigint (timer cost, ~30-60 ns, included)',
    webSocket: `one connection, service in-process on 127.0.0.1; sequential: ${WS_SEQUENTIAL} update→output round trips; pipelined: ${WS_PIPELINED} updates, ${WS_WINDOW} in flight`,
  },
  rows,
  webSocket,
};
const out = join(here, 'results', 'stream.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
console.log(`load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${result.loadAverage.after.map((l) => l.toFixed(2)).join(' ')}; wrote ${out}`);
