/**
 * `npm run soak`: SOAK_WARMUP minutes (default 5) then SOAK_MINUTES (default 10) of moderate mixed
 * load (SOAK_RATE requests/s, default 40) against the real entry point with authentication on; the
 * slopes describe the SOAK_MINUTES after the warm-up. Every 10 s it samples resident memory,
 * heap, WebAssembly memory (main thread and workers) and open file descriptors from /metrics, where
 * resident memory is (bench/smaps.ts: glibc main arena, glibc thread arenas, other anonymous memory,
 * files) and the worker threads' own V8 heaps (bench/service/soak-probe.cjs, preloaded into the service), then
 * prints each one's least-squares slope per minute after the warm-up: over all samples, over each
 * minute's minimum, and over the second half. The warm-up is not a formality: resident memory climbs
 * for the first four to six minutes (heaps and malloc arenas reaching their working size) and then
 * stays level, so a fit that starts after one minute reports that climb as a trend (RELIABILITY.md).
 *
 * SOAK_LARGE (default 0.01) is the share of 1,000,000-point JSON requests (taken from the 1,000-point
 * share): raise it to age the worker path faster. SOAK_OUT writes every sample as JSON. The service
 * inherits this process's environment, so `MALLOC_ARENA_MAX=2 npm run soak` tries a malloc setting.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { jsonRequest, scrape, sleep, slope, startService, type RequestSpec } from './load.ts';
import { rssParts } from './smaps.ts';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const rate = Number(process.env.SOAK_RATE ?? 40);
const large = Number(process.env.SOAK_LARGE ?? 0.01);
const warmup = Number(process.env.SOAK_WARMUP ?? 5);
const total = warmup + minutes;
const token = 'soak-token-0123456789abcdef';
const auth = { authorization: `Bearer ${token}` };

const f64 = (n: number) => Buffer.from(new Float64Array(Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 30))).buffer);
const withAuth = (r: RequestSpec): RequestSpec => ({ ...r, headers: { ...r.headers, ...auth } });
const mix: [number, RequestSpec][] = [
  [0.51 - large, withAuth(jsonRequest('ema', 1_000, { period: 20 }))],
  [0.2, withAuth(jsonRequest('bbands', 10_000, { period: 20 }))],
  [0.15, { path: '/v1/indicators/rsi?period=14', headers: { 'content-type': 'application/octet-stream', ...auth }, body: f64(100_000) }],
  [0.1, { path: '/v1/batch', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ series: Object.fromEntries(['A', 'B', 'C', 'D'].map((k) => [k, { close: Array.from({ length: 1000 }, (_, i) => 100 + Math.cos(i / 9)) }])), specs: [{ id: 'sma' }, { id: 'macd' }] }) }],
  [0.04, withAuth({ path: '/v1/indicators/sma', headers: { 'content-type': 'application/json' }, body: '{"inputs":{"close":[1,"x"]}}' })],
  [large, withAuth(jsonRequest('ema', 1_000_000, { period: 50 }))],
];
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (): RequestSpec => {
  let x = rand();
  for (const [share, req] of mix) if ((x -= share) < 0) return req;
  return mix[0]![1];
};

const probeFile = join(tmpdir(), `chitti-soak-probe-${process.pid}.jsonl`);
const probe = fileURLToPath(new URL('./soak-probe.cjs', import.meta.url));
const nodeOptions = [process.env.NODE_OPTIONS, `--require=${probe}`].filter(Boolean).join(' ');
const load0 = loadavg();
const svc = await startService({ API_AUTH: 'required', API_TOKENS: token, SPEEDUP_INTERVAL_SECONDS: '60', NODE_OPTIONS: nodeOptions, CHITTI_SOAK_PROBE: probeFile });
const pid = svc.child.pid!;
const client = new Pool(svc.url, { connections: 16, headersTimeout: 60_000, bodyTimeout: 60_000 });
const statuses: Record<string, number> = {};
let stop = false;
const load = (async () => {
  const start = performance.now();
  for (let i = 0; !stop; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 1) await sleep(wait);
    const req = pick();
    void client
      .request({ method: 'POST', path: req.path, headers: req.headers, body: req.body })
      .then(async (res) => {
        // Read to the end: dump()'s default limit (128 KiB) would reset the connection on a large response.
        await res.body.dump({ limit: Number.MAX_SAFE_INTEGER });
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      })
      .catch(() => (statuses.network = (statuses.network ?? 0) + 1));
  }
})();

const series = { rss: 'process_resident_memory_bytes', heap: 'nodejs_heap_size_used_bytes', external: 'nodejs_external_memory_bytes', wasmMain: 'chitti_compute_wasm_memory_bytes{thread="main"}', wasmWorkers: 'chitti_compute_wasm_memory_bytes{thread="workers"}', fds: 'process_open_fds' } as const;
/** Not from /metrics: resident memory by kind (smaps) and each thread's V8 heap (the probe). */
const extra = ['brk', 'arenas', 'otherAnon', 'file', 'mainHeapPhysical', 'workerHeapUsed', 'workerHeapPhysical'] as const;
const counts = new Set(['fds', 'arenaCount', 'mappings']);

/** The latest probe line of each thread, summed over the worker threads (heap used and heap resident). */
function probeFigures(): { mainHeapPhysical: number; workerHeapUsed: number; workerHeapPhysical: number; workerThreads: number } {
  const latest = new Map<number, { main: boolean; used: number; physical: number; t: number }>();
  let text = '';
  try {
    text = readFileSync(probeFile, 'utf8');
  } catch {}
  for (const line of text.split('\n')) if (line) {
    const r = JSON.parse(line) as { main: boolean; thread: number; used: number; physical: number; t: number };
    latest.set(r.thread, r);
  }
  const now = Date.now();
  let mainHeapPhysical = NaN, workerHeapUsed = 0, workerHeapPhysical = 0, workerThreads = 0;
  for (const r of latest.values()) {
    if (now - r.t > 15_000) continue; // a thread that has gone (a replaced worker)
    if (r.main) mainHeapPhysical = r.physical;
    else {
      workerHeapUsed += r.used;
      workerHeapPhysical += r.physical;
      workerThreads++;
    }
  }
  return { mainHeapPhysical, workerHeapUsed, workerHeapPhysical, workerThreads };
}

const samples: { t: number; values: Record<string, number> }[] = [];
const t0 = performance.now();
while (performance.now() - t0 < total * 60_000) {
  await sleep(10_000);
  const m = await scrape(svc.adminUrl);
  const parts = rssParts(pid);
  const values: Record<string, number> = { ...Object.fromEntries(Object.entries(series).map(([k, name]) => [k, m.get(name) ?? NaN])), ...parts, ...probeFigures() };
  delete values.rss; // /metrics' figure; smaps' sum is the same within a few pages
  values.rss = m.get(series.rss) ?? NaN;
  samples.push({ t: (performance.now() - t0) / 60_000, values });
  console.log(JSON.stringify({ minute: Math.round(samples.at(-1)!.t * 100) / 100, ...values, statuses }));
}
stop = true;
await load;
await sleep(2000);
await client.close();
const code = await svc.stop();
rmSync(probeFile, { force: true });
const load1 = loadavg();

const steady = samples.filter((s) => s.t >= warmup);
const env = Object.entries(process.env).filter(([k]) => k.startsWith('MALLOC_') || k.startsWith('GLIBC_') || k === 'NODE_OPTIONS').map(([k, v]) => `${k}=${v}`);
console.log(`\nsoak: ${warmup} min warm-up then ${minutes} min at ${rate} req/s, ${large * 100}% 1M-point requests${env.length ? `, ${env.join(' ')}` : ''}; answers ${JSON.stringify(statuses)}; service exit code ${code}`);
console.log(`load average at start ${load0.map((x) => x.toFixed(2)).join(' ')}, at end ${load1.map((x) => x.toFixed(2)).join(' ')}`);
if (process.env.SOAK_OUT) writeFileSync(process.env.SOAK_OUT, JSON.stringify({ minutes, warmup, total, rate, large, env, load: [load0, load1], statuses, code, samples }, null, 1));
// Three slopes per minute, all after the warm-up: of every sample; of each whole minute's minimum (the
// floor: a leak raises it, a transient large request does not); and of every sample in the second half.
const half = warmup + minutes / 2;
console.log(`| series | first (after ${warmup} min) | last | min | max | slope | slope of per-minute minimum | slope, second half |`);
console.log('|---|---|---|---|---|---|---|---|');
const fmt = (k: string, v: number) => (counts.has(k) ? String(Math.round(v * 100) / 100) : `${(v / 2 ** 20).toFixed(2)} MiB`);
for (const k of [...Object.keys(series), ...extra, 'arenaCount', 'mappings']) {
  const ys = steady.map((s) => s.values[k]!);
  const sl = slope(steady.map((s) => ({ x: s.t, y: s.values[k]! })));
  const floors = new Map<number, number>();
  for (const s of steady) {
    const m = Math.floor(s.t);
    if (m + 1 <= total) floors.set(m, Math.min(floors.get(m) ?? Infinity, s.values[k]!));
  }
  const floor = slope([...floors].map(([x, y]) => ({ x, y })));
  const late = slope(steady.filter((s) => s.t >= half).map((s) => ({ x: s.t, y: s.values[k]! })));
  console.log(`| ${k} | ${fmt(k, ys[0]!)} | ${fmt(k, ys.at(-1)!)} | ${fmt(k, Math.min(...ys))} | ${fmt(k, Math.max(...ys))} | ${fmt(k, sl)} | ${fmt(k, floor)} | ${fmt(k, late)} |`);
}
