// The Service section of REPORT.md, from results/service.json: every figure and every verdict comes
// from the data; the prose only says how to read it.
import { num, table } from './format.ts';
import { barChart } from './svg.ts';
import type { BarGroup } from './svg.ts';
import type { Bound } from '../service/cases.ts';
import type { Sample } from '../service/sample.ts';

/** One case of results/service.json: its description and the median of its samples. */
export interface ServiceCase extends Sample {
  id: string;
  kind: string;
  description: string;
  mode: string;
  connections: number;
  requestBytes: number;
  responseBytes: number;
}
export interface ServiceRatio {
  id: string;
  description: string;
  metric: 'requestsPerSecond' | 'cpuMicrosPerRequest';
  value: number;
  min: number;
  max: number;
  perRound: number[];
}
export interface ServiceResult {
  date: string;
  quick: boolean;
  load: { start: number[]; end: number[] };
  durationSeconds: number;
  packages: Record<string, string>;
  method: {
    rounds: number;
    secondsPerSample: { small: number; large: number };
    warmupSeconds: { firstRound: number; laterRounds: number };
    loadGenerator: string;
    serverSettings: string;
    cpu: string;
  };
  ceilingCheck: { ok: boolean; values: number; maxRelativeDifference: number; oursBytes: number; ceilingBytes: number };
  cases: ServiceCase[];
  ratios: ServiceRatio[];
  targets: { target: string; ratio: string; threshold: number; value: number; min: number; max: number; pass: boolean; byServerCpu?: number }[];
  /** Issue 20's floors (absent from runs before they were measured). */
  bounds?: Bound[];
}

const pct = (v: number) => `${num(v * 100)}%`;

/** Markdown lines of the Service section; `chart(name, svg)` writes a chart and returns its Markdown. */
export function serviceSection(s: ServiceResult, chart: (name: string, svg: string) => string): string[] {
  const md: string[] = [];
  const m = s.method;
  const ratio = (id: string) => s.ratios.find((r) => r.id === id)!;
  const byId = (id: string) => s.cases.find((c) => c.id === id)!;
  md.push('## Service');
  md.push('');
  md.push(`Load against each server on 127.0.0.1, ${s.date}${s.quick ? ' (quick)' : ''}, ${s.durationSeconds} s: ${m.rounds} round(s); in each round every case once (the order reversed every other round), ${m.secondsPerSample.small} s per sample for small requests and ${m.secondsPerSample.large} s for large ones (binary 100k, batch), each after an uncounted warm-up of ${m.warmupSeconds.firstRound} s in the first round and ${m.warmupSeconds.laterRounds} s later. Figures are medians over the rounds. ${m.loadGenerator}. Server settings: ${m.serverSettings}. Requests/s counts 2xx responses only. Server CPU: ${m.cpu}; unlike requests/s it does not depend on how much CPU the load generator leaves the server, as long as the generator keeps the server busy (an idle server spends more per request on garbage collection).`);
  md.push('');
  md.push('The bare-fastify baselines (`service/baseline.ts`) have no service features (no hooks, metrics, validation, tracing): the constant route is the issue\'s baseline; "parse" receives the same 1k-point JSON body through fastify\'s default JSON parser and answers a constant; "JSON ceiling" parses the same body, computes the SMA in plain JavaScript and sends a response of the same shape, serialised per request by fastify\'s default serializer.');
  const cc = s.ceilingCheck;
  md.push(`Checked in this run: the JSON ceiling answers the same ${cc.values} values as ours (the same nulls, relative difference at most ${cc.maxRelativeDifference.toExponential(1)}) in ${cc.ceilingBytes.toLocaleString('en-US')} bytes against our ${cc.oursBytes.toLocaleString('en-US')}.`);
  md.push('');
  md.push(table(['case', 'server', 'connections', 'request bytes', 'response bytes', 'requests/s', 'p50 ms', 'p99 ms', 'server CPU µs/request', 'non-2xx', 'errors'], s.cases.map((c) => [
    c.description, c.mode, String(c.connections), c.requestBytes.toLocaleString('en-US'), c.responseBytes.toLocaleString('en-US'), num(c.requestsPerSecond), num(c.p50Ms), num(c.p99Ms), num(c.cpuMicrosPerRequest), String(c.non2xx), String(c.errors),
  ])));
  md.push('');
  md.push('Ratios, each taken within a round (between samples minutes apart at most) and then its median over the rounds, with the range over the rounds:');
  md.push('');
  md.push(table(['ratio', 'of', 'median', 'range over rounds'], s.ratios.map((r) => [r.description, r.metric === 'requestsPerSecond' ? 'requests/s' : 'server CPU per request', num(r.value), `${num(r.min)}–${num(r.max)}`])));
  md.push('');
  md.push('### Targets');
  md.push('');
  md.push('Judged on requests/s, as the issue states them. Beside it, the same comparison in server CPU per request (metrics off / on), which a busy load generator cannot distort:');
  md.push('');
  md.push(table(['target', 'value (median)', 'range over rounds', 'result', 'by server CPU per request'], s.targets.map((t) => [
    t.target, num(t.value), `${num(t.min)}–${num(t.max)}`, t.pass ? 'pass' : '**miss**', t.byServerCpu === undefined ? '—' : `${num(t.byServerCpu)} (${t.byServerCpu >= t.threshold ? 'within' : 'beyond'} the bound)`,
  ])));
  md.push('');
  const unstable = s.targets.filter((t) => t.min < t.threshold && t.max >= t.threshold);
  if (unstable.length) md.push(`Rounds disagree on ${unstable.map((t) => `"${t.target}"`).join(', ')}: some rounds are on each side of the threshold, so that verdict rests on the median of a noisy ratio.\n`);
  md.push(...ceilingFinding(s, ratio, byId));
  md.push('');
  if (s.bounds) md.push(...floorFinding(s.bounds, byId), '');
  md.push('Where a case\'s server time goes (CPU profile of its server, self time per request): `npm run bench:profile -w @chitti/bench -- "json-1k metrics-on"` (any case id above).');
  md.push('');
  const groups: BarGroup[] = [...new Set(s.cases.map((c) => c.kind))].map((label) => ({
    label,
    bars: s.cases.filter((c) => c.kind === label).map((c) => ({ name: c.mode, value: c.requestsPerSecond })),
  }));
  md.push(chart('service-throughput', barChart({ title: 'Service throughput (requests/s, log scale)', xLabel: 'requests per second (2xx)', logX: true, groups })));
  md.push('');
  md.push(chart('service-cpu', barChart({
    title: 'Server CPU per request (µs, log scale)',
    xLabel: 'µs of server CPU (all threads) per response',
    logX: true,
    groups: [...new Set(s.cases.map((c) => c.kind))].map((label) => ({ label, bars: s.cases.filter((c) => c.kind === label).map((c) => ({ name: c.mode, value: c.cpuMicrosPerRequest })) })),
  })));
  md.push('');
  md.push(chart('service-latency', barChart({
    title: 'Service latency, p50 and p99 (ms, log scale)',
    xLabel: 'milliseconds',
    logX: true,
    groups: s.cases.map((c) => ({ label: c.id.slice(0, 16), bars: [{ name: 'p50', value: Math.max(c.p50Ms, 0.1) }, { name: 'p99', value: Math.max(c.p99Ms, 0.1) }] })),
  })));
  md.push('');
  return md;
}

/** What the baselines say about the JSON target, in sentences whose every figure and verdict is data. */
function ceilingFinding(s: ServiceResult, ratio: (id: string) => ServiceRatio, byId: (id: string) => ServiceCase): string[] {
  const target = s.targets.find((t) => t.ratio === 'jsonToBare')!;
  const ceiling = ratio('jsonCeilingToBare');
  const parse = ratio('bareParseToBare');
  const ours = ratio('jsonToJsonCeiling');
  const cpu = ratio('jsonCpuToCeilingCpu');
  const bare = byId('bare');
  const ceil = byId('bare-json-sma');
  const json = byId('json-1k metrics-on');
  const reachable = ceiling.value >= target.threshold;
  return [
    '### The JSON target against the measured ceiling',
    '',
    `Ours reaches ${pct(target.value)} of the constant route's requests/s (target ${pct(target.threshold)}: ${target.pass ? 'pass' : '**miss**'}). ` +
      `Bare fastify that only parses the same body reaches ${pct(parse.value)} of it, and the JSON ceiling (parse, compute in plain JavaScript, serialise the same doubles) ${pct(ceiling.value)} (rounds ${pct(ceiling.min)}–${pct(ceiling.max)}): ` +
      (reachable
        ? `the ceiling is above the target on this machine, so the target is reachable in principle and the gap is ours.`
        : `**below the target**, so on this machine no fastify service that parses this JSON and answers these 1,000 doubles reaches ${pct(target.threshold)} of the constant route: most of the distance to the constant route is the JSON text itself (parsing the body, serialising the response), which any such service pays.`),
    '',
    `Ours reaches ${pct(ours.value)} of the JSON ceiling's requests/s (rounds ${pct(ours.min)}–${pct(ours.max)}). In server CPU per request: the constant route ${num(bare.cpuMicrosPerRequest)} µs, the JSON ceiling ${num(ceil.cpuMicrosPerRequest)} µs, ours ${num(json.cpuMicrosPerRequest)} µs (${num(cpu.value)}× the ceiling): ${num(json.cpuMicrosPerRequest - ceil.cpuMicrosPerRequest)} µs per request are the service's work beyond what the ceiling does (its strict JSON checks, validation, the kernel call and its copies, hooks, tracing, metrics, overload guards).`,
  ];
}

/** Issue 20's targets against the floors measured in the same run (cases.ts, issue20Bounds). */
function floorFinding(bounds: Bound[], byId: (id: string) => ServiceCase): string[] {
  const cpu = (id: string) => byId(id).cpuMicrosPerRequest;
  const oursText1k = cpu('json-1k metrics-on') - cpu('binary-1k metrics-on');
  const ceilingText1k = cpu('bare-json-sma') - cpu('floor-json-1k');
  const features1k = cpu('binary-1k metrics-on') - cpu('floor-binary-1k');
  const oursText100k = cpu('json-100k metrics-on') - cpu('binary-100k metrics-on');
  return [
    '### Issue 20\'s targets against their floors',
    '',
    'What any number code could reach: ours with parsing and formatting at no cost would still read the body and send the response (the I/O floor: bare fastify reading the same body unparsed and sending the same response bytes from a cache) and do its own per-request work (validation, the kernel call, hooks, metrics, tracing, overload guards: ours on the same points in binary, less the bare binary floor). Server CPU per request, medians over the rounds:',
    '',
    table(['', 'µs per request'], [
      ['JSON 1k I/O floor (bare, no number work)', num(cpu('floor-json-1k'))],
      ['the JSON ceiling (JSON.parse, plain-JS SMA, JSON.stringify)', num(cpu('bare-json-sma'))],
      ['ours, JSON 1k', num(cpu('json-1k metrics-on'))],
      ['ours, the same 1,000 points in binary', num(cpu('binary-1k metrics-on'))],
      ['binary 1k I/O floor (bare)', num(cpu('floor-binary-1k'))],
      ['number text (1,000 doubles parsed, 981 formatted): ours (JSON 1k - binary 1k)', num(oursText1k)],
      ['number text: the ceiling (ceiling - JSON 1k floor)', num(ceilingText1k)],
      ['the service\'s own work per request (ours binary 1k - binary 1k floor)', num(features1k)],
      ['JSON 100k I/O floor (bare)', num(cpu('floor-json-100k'))],
      ['binary 100k I/O floor (bare)', num(cpu('floor-binary-100k'))],
      ['ours, JSON 100k', num(cpu('json-100k metrics-on'))],
      ['ours, binary 100k', num(cpu('binary-100k metrics-on'))],
      ['number text, 100k: ours (JSON 100k - binary 100k)', num(oursText100k)],
    ]),
    '',
    table(['bound', 'median', 'range over rounds', 'the target', 'reachable?'], bounds.map((b) => [
      b.description, num(b.value), `${num(b.min)}–${num(b.max)}`, `${b.target} (${b.atMost ? '≤' : '≥'} ${num(b.threshold)})`,
      b.reachable ? 'yes: the floor leaves room, the gap is the number code and the service' : '**no**: the floor alone is past the target',
    ])),
  ];
}
