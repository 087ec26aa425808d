// Measures what one core of the compute service answers per second, for sizing replicas
// (docs/scaling.md, resources and HPA target of deploy/k8s/base/). One service process is pinned to
// one CPU with `taskset` and runs everything on its event loop (WORKER_THREADS=0); the load runs in
// this process, pinned elsewhere: autocannon for small requests, and for the 100k-point ones a closed
// loop on undici (bench/service/load.ts, drive), since autocannon held those to about 200 requests/s
// and the service to 38% of its core, and a service left idle between requests spends more CPU on
// each. Besides requests/s it reads the service's CPU time from /proc, so "requests per CPU-second"
// holds even if the service did not reach 100% of its core.
//   taskset -c 0 npm run capacity -- [--seconds 10] [--rounds 2] [--service-cpu 1]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { drive } from '../../bench/service/load.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, rounds: { type: 'string', default: '2' }, 'service-cpu': { type: 'string', default: '1' } } });
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const root = new URL('../../', import.meta.url);
const token = 'capacity-measurement-token-0123456789';
const port = 18180;
const adminPort = 19564;
const origin = `http://127.0.0.1:${port}`;

function prices(n: number): number[] {
  let p = 100;
  let seed = 42;
  return Array.from({ length: n }, () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    p *= 1 + (seed / 2 ** 31 - 0.5) * 0.02;
    return Math.round(p * 100) / 100;
  });
}
const json = (n: number, params: object) => JSON.stringify({ inputs: { close: prices(n) }, params });
const binary = (n: number) => Buffer.from(new Float64Array(prices(n)).buffer);

interface Case { id: string; path: string; contentType: string; body: string | Buffer; connections: number; large?: boolean }
const cases: Case[] = [
  { id: 'sma JSON 1k points', path: '/v1/indicators/sma', contentType: 'application/json', body: json(1_000, { period: 20 }), connections: 8 },
  { id: 'bbands JSON 1k points', path: '/v1/indicators/bbands', contentType: 'application/json', body: json(1_000, { period: 20 }), connections: 8 },
  { id: 'rsi JSON 10k points', path: '/v1/indicators/rsi', contentType: 'application/json', body: json(10_000, { period: 14 }), connections: 8 },
  { id: 'sma binary 100k points', path: '/v1/indicators/sma?period=20', contentType: 'application/octet-stream', body: binary(100_000), connections: 4, large: true },
  { id: 'sma JSON 100k points', path: '/v1/indicators/sma', contentType: 'application/json', body: json(100_000, { period: 20 }), connections: 4, large: true },
];

/** utime + stime of a process, in seconds (Linux /proc; clock ticks are 100 per second). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const service = spawn('taskset', ['-c', values['service-cpu'], `${root.pathname}node_modules/.bin/node`, 'services/compute/src/main.ts'], {
  cwd: root.pathname,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env, PORT: String(port), METRICS_PORT: String(adminPort), COMPUTE_SOCKET: '', API_TOKENS: token,
    WORKER_THREADS: '0', SPEEDUP_INTERVAL_SECONDS: '0', LOG_LEVEL: 'info', NODE_ENV: 'production',
  },
});
const exited = new Promise((resolve) => service.once('exit', resolve));

try {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${adminPort}/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the service did not become ready in 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.log(`node ${process.version}, ${rounds} round(s) of ${seconds} s per case after a 2 s warm-up each; service pinned to CPU ${values['service-cpu']}, WORKER_THREADS=0`);
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (let round = 1; round <= rounds; round++) {
    for (const c of cases) {
      const headers = { 'content-type': c.contentType, authorization: `Bearer ${token}` };
      const request = { path: c.path, headers, body: c.body };
      await drive(origin, request, c.connections, c.large === true, 2); // warm-up, not counted
      const cpuBefore = cpuSeconds(service.pid!);
      const r = await drive(origin, request, c.connections, c.large === true, seconds);
      const cpu = cpuSeconds(service.pid!) - cpuBefore;
      console.log(`round ${round}  ${c.id.padEnd(24)} ${(r.ok / r.seconds).toFixed(0).padStart(6)} req/s  p50 ${String(Math.round(r.p50Ms)).padStart(3)} ms  p99 ${String(Math.round(r.p99Ms)).padStart(4)} ms  service CPU ${(cpu / r.seconds * 100).toFixed(0).padStart(3)}%  ${(r.ok / cpu).toFixed(0).padStart(5)} req per CPU-second${r.non2xx || r.errors ? `  non-2xx ${r.non2xx} errors ${r.errors}` : ''}`);
    }
  }
  const rss = Number(/^VmHWM:\s+(\d+)/m.exec(readFileSync(`/proc/${service.pid}/status`, 'utf8'))?.[1]) / 1024;
  console.log(`service peak RSS: ${rss.toFixed(0)} MiB`);
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  service.kill('SIGTERM');
  await exited;
}
