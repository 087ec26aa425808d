/**
 * `npm run bench:cluster -w @chitti/bench`: requests/s of the service with WORKERS=1 and WORKERS=2
 * (cluster mode), same requests, rounds interleaved (1, 2, 1, 2, ...), medians over rounds and their
 * ratio. Also the service's CPU time (primary + workers, from /proc) per request. The load (load.ts,
 * drive: autocannon, or a closed loop on undici for the 100k-point request) runs in this process on
 * the same machine, so on a 2-core host it competes with the service for CPU: the
 * ratio is what one host with a load generator on it gets, a lower bound of what a dedicated host
 * would. Env: BENCH_SECONDS (per round and case, default 8), BENCH_ROUNDS (default 3).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { drive, jsonRequest, sleep, startService } from './load.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

interface Case { id: string; path: string; contentType: string; body: string | Buffer; connections: number; large?: boolean }
const json = (id: string, n: number, params: Record<string, number>) => {
  const r = jsonRequest(id, n, params);
  return { path: r.path, contentType: 'application/json', body: r.body };
};
const cases: Case[] = [
  { id: 'sma JSON 1k points', ...json('sma', 1_000, { period: 20 }), connections: 16 },
  { id: 'rsi JSON 10k points', ...json('rsi', 10_000, { period: 14 }), connections: 8 },
  { id: 'sma binary 100k points', path: '/v1/indicators/sma?period=20', contentType: 'application/octet-stream', body: Buffer.from(Float64Array.from({ length: 100_000 }, (_, i) => 100 + 10 * Math.sin(i / 50)).buffer), connections: 4, large: true },
];

/** utime + stime of a process and its children's live threads, seconds (clock ticks of 100 Hz). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
function group(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return [pid, ...(children ? children.split(' ').map(Number) : [])];
}
const groupCpu = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

type Row = { workers: number; case: string; rps: number; p50: number; p99: number; non2xx: number; cpuPerRequestMs: number };
const rows: Row[] = [];
const started = new Date();
const load0 = loadavg();

for (let round = 1; round <= rounds; round++) {
  for (const workers of [1, 2]) {
    const svc = await startService({ WORKERS: String(workers) });
    try {
      await sleep(500);
      const pids = group(svc.child.pid!);
      for (const c of cases) {
        const request = { path: c.path, headers: { 'content-type': c.contentType }, body: c.body };
        await drive(svc.url, request, c.connections, c.large === true, 1); // warm-up
        const cpu0 = groupCpu(pids);
        const r = await drive(svc.url, request, c.connections, c.large === true, seconds);
        const cpu = groupCpu(pids) - cpu0;
        const row: Row = { workers, case: c.id, rps: r.ok / r.seconds, p50: r.p50Ms, p99: r.p99Ms, non2xx: r.non2xx, cpuPerRequestMs: r.ok > 0 ? (cpu / r.ok) * 1000 : NaN };
        rows.push(row);
        console.error(`round ${round} WORKERS=${workers} ${c.id}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, ${row.cpuPerRequestMs.toFixed(2)} ms CPU/request, ${row.non2xx} non-2xx`);
      }
    } finally {
      await svc.stop();
    }
  }
}

const load1 = loadavg();
console.log(`\nWORKERS=1 vs WORKERS=2, ${rounds} interleaved rounds of ${seconds} s per case; ${availableParallelism()} CPUs; Node ${process.version}; ${started.toISOString()}; load average ${load0[0]!.toFixed(2)} before, ${load1[0]!.toFixed(2)} after.\n`);
console.log('| request | WORKERS=1 req/s | WORKERS=2 req/s | ratio | p99 ms (1 / 2) | CPU ms per request (1 / 2) | rounds (req/s, 1 / 2) |');
console.log('|---|---|---|---|---|---|---|');
for (const c of cases) {
  const of = (w: number) => rows.filter((r) => r.case === c.id && r.workers === w);
  const [one, two] = [of(1), of(2)];
  const m = (rs: Row[], k: keyof Row) => median(rs.map((r) => r[k] as number));
  const list = (rs: Row[]) => rs.map((r) => r.rps.toFixed(0)).join(', ');
  console.log(`| ${c.id} | ${m(one, 'rps').toFixed(0)} | ${m(two, 'rps').toFixed(0)} | **${(m(two, 'rps') / m(one, 'rps')).toFixed(2)}** | ${m(one, 'p99')} / ${m(two, 'p99')} | ${m(one, 'cpuPerRequestMs').toFixed(2)} / ${m(two, 'cpuPerRequestMs').toFixed(2)} | ${list(one)} / ${list(two)} |`);
}
if (rows.some((r) => r.non2xx > 0)) console.log('\nSome responses were not 2xx (shedding or errors): see the per-round lines above.');
