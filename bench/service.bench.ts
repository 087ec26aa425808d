// npm run bench:service — the compute service under autocannon on loopback, beside a bare fastify
// route returning a constant (the framework's ceiling on this machine), in one run:
//   JSON POST /v1/indicators/sma with 1k points, binary with 100k points, a batch of 100 series,
//   each with metrics on and off (and JSON also with request logs on, as deployed).
// Each server is a child process (service/server.ts); the load generator runs here. Cases run in
// rounds (every case once per round) so load from elsewhere on the machine spreads over all of them.
// Writes bench/results/service.json. Options: --quick, --out FILE.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { median } from './lib/measure.ts';
import { load, machineInfo, packageVersion } from './lib/machine.ts';
import { priceSeries } from './lib/series.ts';
import { SERVER_MODES } from './service/modes.ts';
import type { ServerMode } from './service/modes.ts';

const quick = process.argv.includes('--quick');
const outArg = process.argv.indexOf('--out');
const here = dirname(fileURLToPath(import.meta.url));
const outFile = outArg > 0 ? process.argv[outArg + 1]! : join(here, 'results/service.json');
const method = quick
  ? { rounds: 1, secondsPerRound: 2, warmupSeconds: 0.5 }
  : { rounds: 3, secondsPerRound: 4, warmupSeconds: 1 };
// Large requests (binary 100k points, the 1.9 MB batch) go to the service's worker threads, whose
// queue answers 503 beyond 8 waiting (WORKER_QUEUE): fewer connections keep that back-pressure out
// of a throughput figure (503s are still counted, and excluded from requests/s).
const SMALL_CONNECTIONS = 10;
const LARGE_CONNECTIONS = 4;

interface Request {
  path: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
}
interface Case {
  id: string;
  description: string;
  mode: ServerMode;
  request: Request;
  connections: number;
}

const json = (body: unknown): Pick<Request, 'headers' | 'body'> => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const close1k = Array.from(priceSeries(1_000, 1));
const close100k = priceSeries(100_000, 2);
const smaJson: Request = { path: '/v1/indicators/sma', method: 'POST', ...json({ inputs: { close: close1k }, params: { period: 20 } }) };
const smaBinary: Request = {
  path: '/v1/indicators/sma?period=20',
  method: 'POST',
  headers: { 'content-type': 'application/octet-stream' },
  body: Buffer.from(close100k.buffer, close100k.byteOffset, close100k.byteLength),
};
const batch: Request = {
  path: '/v1/batch',
  method: 'POST',
  ...json({
    series: Object.fromEntries(Array.from({ length: 100 }, (_, s) => [`S${s}`, { close: Array.from(priceSeries(1_000, 100 + s)) }])),
    specs: [{ id: 'sma', params: { period: 20 } }, { id: 'ema', params: { period: 20 } }, { id: 'rsi', params: { period: 14 } }],
  }),
};

const cases: Case[] = [
  { id: 'bare', description: 'bare fastify: GET / returning a constant {"ok":true}', mode: 'bare', request: { path: '/', method: 'GET' }, connections: SMALL_CONNECTIONS },
  ...(['metrics-off', 'metrics-on', 'metrics-on+logs'] as const).map((mode) => ({ id: `json-1k ${mode}`, description: 'POST /v1/indicators/sma, JSON, 1,000 points, period 20', mode, request: smaJson, connections: SMALL_CONNECTIONS })),
  ...(['metrics-off', 'metrics-on'] as const).map((mode) => ({ id: `binary-100k ${mode}`, description: 'POST /v1/indicators/sma?period=20, binary float64, 100,000 points', mode, request: smaBinary, connections: LARGE_CONNECTIONS })),
  ...(['metrics-off', 'metrics-on'] as const).map((mode) => ({ id: `batch-100 ${mode}`, description: 'POST /v1/batch, JSON, 100 series of 1,000 points, specs sma(20), ema(20), rsi(14)', mode, request: batch, connections: LARGE_CONNECTIONS })),
];

function startServer(mode: ServerMode): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(join(here, 'service/server.ts'), [mode], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} server did not start in 30 s`)), 30_000);
    child.once('message', (msg) => {
      clearTimeout(timer);
      resolve({ child, port: (msg as { port: number }).port });
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

async function check(port: number, c: Case): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}${c.request.path}`, { method: c.request.method, headers: c.request.headers, body: c.request.body });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`${c.id}: status ${res.status}: ${body.toString().slice(0, 300)}`);
}

interface Sample {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses other than 2xx (e.g. 503 when the worker queue is full): not in requestsPerSecond. */
  non2xx: number;
  errors: number;
}

async function sample(port: number, c: Case, seconds: number): Promise<Sample> {
  // autocannon 9 takes a warm-up (not counted in the results); its types predate the option.
  const options: autocannon.Options & { warmup: { connections: number; duration: number } } = {
    url: `http://127.0.0.1:${port}${c.request.path}`,
    method: c.request.method,
    headers: c.request.headers,
    body: c.request.body,
    connections: c.connections,
    duration: seconds,
    warmup: { connections: c.connections, duration: method.warmupSeconds },
  };
  const r = await autocannon(options);
  return { requestsPerSecond: r['2xx'] / seconds, p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

const started = performance.now();
const loadStart = load();
const servers = new Map<ServerMode, { child: ChildProcess; port: number }>();
for (const mode of SERVER_MODES) servers.set(mode, await startServer(mode));
try {
  for (const c of cases) await check(servers.get(c.mode)!.port, c);
  const samples = new Map<string, Sample[]>(cases.map((c) => [c.id, []]));
  for (let r = 0; r < method.rounds; r++) {
    for (const c of cases) {
      const s = await sample(servers.get(c.mode)!.port, c, method.secondsPerRound);
      samples.get(c.id)!.push(s);
      console.log(`round ${r + 1} ${c.id.padEnd(24)} ${s.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${s.p50Ms} ms  p99 ${s.p99Ms} ms${s.non2xx || s.errors ? `  non-2xx ${s.non2xx} errors ${s.errors}` : ''}`);
    }
  }
  const results = cases.map((c) => {
    const ss = samples.get(c.id)!;
    return {
      id: c.id,
      description: c.description,
      mode: c.mode,
      connections: c.connections,
      requestBytes: c.request.body ? Buffer.byteLength(c.request.body) : 0,
      requestsPerSecond: median(ss.map((s) => s.requestsPerSecond)),
      p50Ms: median(ss.map((s) => s.p50Ms)),
      p99Ms: median(ss.map((s) => s.p99Ms)),
      non2xx: ss.reduce((a, s) => a + s.non2xx, 0),
      errors: ss.reduce((a, s) => a + s.errors, 0),
      rounds: ss,
    };
  });
  const rps = (id: string) => results.find((r) => r.id === id)!.requestsPerSecond;
  const ratios = {
    jsonToBare: rps('json-1k metrics-on') / rps('bare'),
    jsonMetricsOnToOff: rps('json-1k metrics-on') / rps('json-1k metrics-off'),
    jsonLogsToNoLogs: rps('json-1k metrics-on+logs') / rps('json-1k metrics-on'),
    binaryMetricsOnToOff: rps('binary-100k metrics-on') / rps('binary-100k metrics-off'),
    batchMetricsOnToOff: rps('batch-100 metrics-on') / rps('batch-100 metrics-off'),
  };
  const targets = [
    { target: 'JSON 1k-point requests (metrics on) reach at least 50% of bare fastify requests/s', value: ratios.jsonToBare, pass: ratios.jsonToBare >= 0.5 },
    ...(['json', 'binary', 'batch'] as const).map((k) => {
      const v = ratios[`${k}MetricsOnToOff`];
      return { target: `${k}: metrics cost at most 5% of throughput (on/off >= 0.95)`, value: v, pass: v >= 0.95 };
    }),
  ];
  for (const t of targets) console.log(`${t.pass ? 'PASS' : 'MISS'}  ${t.target}: ${t.value.toFixed(3)}`);
  const output = {
    date: new Date().toISOString(),
    quick,
    machine: machineInfo(),
    load: { start: loadStart, end: load() },
    durationSeconds: Math.round((performance.now() - started) / 1000),
    packages: Object.fromEntries(['fastify', 'autocannon', 'prom-client', 'pino'].map((p) => [p, packageVersion(p)])),
    method: { ...method, loadGenerator: 'autocannon, in the benchmark process; each server in its own child process; 127.0.0.1', serverSettings: 'buildApp defaults except speedupIntervalSeconds -1; logs silent unless +logs (info, to a discarded stdout)' },
    cases: results,
    ratios,
    targets,
  };
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(output, null, 2) + '\n');
  console.log(`wrote ${outFile} in ${output.durationSeconds} s`);
} finally {
  for (const { child } of servers.values()) child.send('close');
}
