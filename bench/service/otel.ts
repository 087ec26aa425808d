// npm run bench:otel -w @chitti/bench — the cost of OpenTelemetry's HTTP server metrics
// (services/compute/METRICS.md, "OpenTelemetry metrics"), in one run:
// 1. (run last) requests/s and server CPU per request of POST /v1/indicators/sma with a 1k-point JSON body,
//    the service with prom-client's metrics and OpenTelemetry's (`metrics-on`) against prom-client's
//    alone (`metrics-on-no-otel`): pairs of fresh server children pinned to the same CPU (the load
//    generator on the other), sampled in alternating rounds (the order reversed every other round),
//    each ratio taken within a round, then the median over all rounds of all pairs;
// 2. one recordRequest call, alone;
// 3. the scrape: time and bytes of the admin page with and without the OpenTelemetry part, in both
//    formats, after traffic on every route and status class the page can show.
// Options: --pairs N of fresh server processes (default 4), --rounds N per pair (default 5),
// --seconds S per sample (default 3), --same (A/A: both servers without OpenTelemetry).
import { execFileSync } from 'node:child_process';
import type { Socket } from 'node:net';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../../services/compute/src/app.ts';
import { MetricsEndpoint } from '../../services/compute/src/metrics.ts';
import { otelPrometheusText } from '../../services/compute/src/otel-exposition.ts';
import { createOtelMetrics } from '../../services/compute/src/otel-metrics.ts';
import { median } from '../lib/measure.ts';
import { load } from '../lib/machine.ts';
import { CASES } from './cases.ts';
import type { Case } from './cases.ts';
import { check, sample, startServer, stopServer } from './sample.ts';
import type { Server } from './sample.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const pairs = arg('--pairs', 4);
const rounds = arg('--rounds', 5);
const seconds = arg('--seconds', 3);

const json1k = CASES.find((c) => c.id === 'json-1k metrics-on')!;
// --same: both servers without OpenTelemetry (an A/A run: the method's own noise between processes).
const same = process.argv.includes('--same');
const cases: Case[] = [
  same ? { ...json1k, id: 'json-1k prom-client only (A)', mode: 'metrics-on-no-otel' } : { ...json1k, id: 'json-1k prom-client + OpenTelemetry', mode: 'metrics-on' },
  { ...json1k, id: 'json-1k prom-client only', mode: 'metrics-on-no-otel' },
];

/**
 * Both servers on the same CPU (the last), the load generator on the others: on a machine shared
 * with other jobs, whatever load lands on that CPU then weighs on both servers alike.
 */
function pin(servers: Server[]): string {
  const cpus = availableParallelism();
  if (cpus < 2) return 'not pinned (one CPU)';
  const serverCpu = String(cpus - 1);
  const rest = `0-${cpus - 2}`;
  try {
    for (const s of servers) execFileSync('taskset', ['-p', '-c', serverCpu, String(s.child.pid)], { stdio: 'ignore' });
    execFileSync('taskset', ['-p', '-c', rest, String(process.pid)], { stdio: 'ignore' });
    return `servers on CPU ${serverCpu}, load generator on CPU ${rest}`;
  } catch {
    return 'not pinned (no taskset)';
  }
}

async function throughput(): Promise<void> {
  const loadStart = load();
  const rps: number[][] = [[], []];
  const cpu: number[][] = [[], []];
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  // Fresh server processes for each pair: two processes of the same build differ by several percent
  // (JIT and heap layout), more than the cost measured; pairs average that out.
  for (let p = 0; p < pairs; p++) {
    const servers = await Promise.all(cases.map((c) => startServer(c.mode)));
    const pinned = pin(servers);
    if (p === 0) console.log(pinned);
    try {
      for (const [i, c] of cases.entries()) await check(servers[i]!, c);
      // Both warmed up (JIT) before any round: otherwise the first sample of a pair, always server 0's, runs colder.
      for (const [i, c] of cases.entries()) await sample(servers[i]!, c, 0.5, 3);
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 === 0 ? [0, 1] : [1, 0];
        const round: { rps: number; cpu: number }[] = [];
        for (const i of order) {
          const s = await sample(servers[i]!, cases[i]!, seconds, 0.5);
          if (s.non2xx || s.errors) throw new Error(`${cases[i]!.id}: non-2xx ${s.non2xx}, errors ${s.errors}`);
          rps[i]!.push(s.requestsPerSecond);
          cpu[i]!.push(s.cpuMicrosPerRequest);
          round[i] = { rps: s.requestsPerSecond, cpu: s.cpuMicrosPerRequest };
          console.log(`pair ${p + 1} round ${r + 1} ${cases[i]!.id.padEnd(38)} ${s.requestsPerSecond.toFixed(0).padStart(6)} req/s  cpu ${s.cpuMicrosPerRequest.toFixed(1)} µs/req  p99 ${s.p99Ms} ms`);
        }
        ratios.push(round[0]!.rps / round[1]!.rps);
        cpuRatios.push(round[0]!.cpu / round[1]!.cpu);
      }
    } finally {
      for (const s of servers) stopServer(s);
    }
  }
  console.log(`\n${json1k.description}, ${json1k.connections} connections, ${pairs} server pairs × ${rounds} rounds of ${seconds} s (load average ${loadStart.join(' ')} at start, ${load().join(' ')} at end):`);
  for (const [i, c] of cases.entries()) console.log(`  ${c.id.padEnd(38)} median ${median(rps[i]!).toFixed(0).padStart(6)} req/s, ${median(cpu[i]!).toFixed(1)} µs CPU/req`);
  const sorted = [...ratios].sort((a, b) => a - b);
  console.log(`  requests/s with / without OpenTelemetry: median ${median(ratios).toFixed(3)} over ${ratios.length} rounds (quartiles ${sorted[Math.floor(sorted.length / 4)]!.toFixed(3)}-${sorted[Math.floor((3 * sorted.length) / 4)]!.toFixed(3)})`);
  console.log(`  server CPU per request with / without:   median ${median(cpuRatios).toFixed(3)}`);
}

async function scrapeCost(): Promise<void> {
  const app = await buildApp({ speedupIntervalSeconds: -1, faultInjection: true });
  const metrics = app.chitti.metrics!;
  const body = JSON.stringify({ inputs: { close: Array.from({ length: 100 }, (_, i) => 100 + Math.sin(i)) } });
  const calls: [string, string, string | undefined, Record<string, string>][] = [
    ['POST', '/v1/indicators/sma', body, {}],
    ['POST', '/v1/indicators/ema', body, {}],
    ['GET', '/v1/indicators', undefined, {}],
    ['GET', '/v1/indicators/sma', undefined, {}],
    ['POST', '/v1/batch', JSON.stringify({ series: { a: { close: [1, 2, 3] } }, specs: [{ id: 'sma', params: { period: 2 } }] }), {}],
    ['POST', '/v1/indicators/sma', '{', {}],
    ['POST', '/v1/indicators/nope', '{}', {}],
    ['POST', '/v1/indicators/sma', '{"inputs":{"close":[1,"x"]}}', {}],
    ['POST', '/v1/indicators/sma', body, { 'x-chitti-fault': 'error' }],
    ['GET', '/no/such/route', undefined, {}],
  ];
  for (let i = 0; i < 20; i++) {
    for (const [method, url, payload, headers] of calls) {
      await app.inject({ method: method as 'GET' | 'POST', url, payload, headers: { 'content-type': 'application/json', ...headers } });
    }
  }
  const withOtel = new MetricsEndpoint(metrics.registry, metrics.otel);
  const without = new MetricsEndpoint(metrics.registry);
  const time = async (fn: () => Promise<unknown>, n = 200) => {
    for (let i = 0; i < 20; i++) await fn();
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await fn();
      ms.push(performance.now() - t0);
    }
    return median(ms);
  };
  console.log('\nScrape of the admin page (in process, median of 200, after traffic on 9 route/status classes):');
  for (const openMetrics of [false, true]) {
    const format = openMetrics ? 'OpenMetrics' : 'text 0.0.4 ';
    const a = await time(() => without.scrape(openMetrics));
    const b = await time(() => withOtel.scrape(openMetrics));
    const bytesA = (await without.scrape(openMetrics)).body.length;
    const bytesB = (await withOtel.scrape(openMetrics)).body.length;
    console.log(`  ${format}  prom-client only ${a.toFixed(2)} ms, ${bytesA} bytes;  one page with OpenTelemetry ${b.toFixed(2)} ms, ${bytesB} bytes`);
  }
  const alone = await time(async () => otelPrometheusText(metrics.otel!.resource, await metrics.otel!.collect()));
  console.log(`  the OpenTelemetry part alone (what a second path would serve): ${alone.toFixed(2)} ms, ${otelPrometheusText(metrics.otel!.resource, await metrics.otel!.collect()).length} bytes`);
  await app.close();
}

/** One recordRequest, as the response hook calls it (the connection's server attributes cached). */
async function recordCost(): Promise<void> {
  const otel = createOtelMetrics({ version: 'bench' });
  const socket = { localPort: 8080, localAddress: '127.0.0.1' } as Socket;
  const request = { method: 'POST', route: '/v1/indicators/:id', protocol: 'http', httpVersion: '1.1', socket };
  const n = 200_000;
  const runs: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) otel.recordRequest(request, 200, 0.001 * (i % 7));
    runs.push(((performance.now() - t0) * 1000) / n);
  }
  console.log(`\nrecordRequest: ${median(runs).toFixed(2)} µs per request (median of 7 runs of ${n.toLocaleString('en-US')})`);
  await otel.shutdown();
}

await recordCost();
await scrapeCost();
await throughput();
