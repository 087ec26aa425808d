/**
 * `npm run soak`: SOAK_MINUTES (default 10) of moderate mixed load (SOAK_RATE requests/s, default
 * 40) against the real entry point with authentication on; every 10 s it samples resident memory,
 * heap, WebAssembly memory (main thread and workers) and open file descriptors from /metrics, then
 * prints each one's least-squares slope per minute after a one-minute warm-up.
 */
import { Pool } from 'undici';
import { jsonRequest, scrape, sleep, startService, type RequestSpec } from './lib.ts';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const rate = Number(process.env.SOAK_RATE ?? 40);
const token = 'soak-token-0123456789abcdef';
const auth = { authorization: `Bearer ${token}` };

const f64 = (n: number) => Buffer.from(new Float64Array(Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 30))).buffer);
const withAuth = (r: RequestSpec): RequestSpec => ({ ...r, headers: { ...r.headers, ...auth } });
const mix: [number, RequestSpec][] = [
  [0.5, withAuth(jsonRequest('ema', 1_000, { period: 20 }))],
  [0.2, withAuth(jsonRequest('bbands', 10_000, { period: 20 }))],
  [0.15, { path: '/v1/indicators/rsi?period=14', headers: { 'content-type': 'application/octet-stream', ...auth }, body: f64(100_000) }],
  [0.1, { path: '/v1/batch', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ series: Object.fromEntries(['A', 'B', 'C', 'D'].map((k) => [k, { close: Array.from({ length: 1000 }, (_, i) => 100 + Math.cos(i / 9)) }])), specs: [{ id: 'sma' }, { id: 'macd' }] }) }],
  [0.04, withAuth({ path: '/v1/indicators/sma', headers: { 'content-type': 'application/json' }, body: '{"inputs":{"close":[1,"x"]}}' })],
  [0.01, withAuth(jsonRequest('ema', 1_000_000, { period: 50 }))],
];
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (): RequestSpec => {
  let x = rand();
  for (const [share, req] of mix) if ((x -= share) < 0) return req;
  return mix[0]![1];
};

const svc = await startService({ API_AUTH: 'required', API_TOKENS: token, SPEEDUP_INTERVAL_SECONDS: '60' });
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
        await res.body.dump();
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      })
      .catch(() => (statuses.network = (statuses.network ?? 0) + 1));
  }
})();

const series = { rss: 'process_resident_memory_bytes', heap: 'nodejs_heap_size_used_bytes', external: 'nodejs_external_memory_bytes', wasmMain: 'chitti_compute_wasm_memory_bytes{thread="main"}', wasmWorkers: 'chitti_compute_wasm_memory_bytes{thread="workers"}', fds: 'process_open_fds' } as const;
const samples: { t: number; values: Record<string, number> }[] = [];
const t0 = performance.now();
while (performance.now() - t0 < minutes * 60_000) {
  await sleep(10_000);
  const m = await scrape(svc.adminUrl);
  const values = Object.fromEntries(Object.entries(series).map(([k, name]) => [k, m.get(name) ?? NaN]));
  samples.push({ t: (performance.now() - t0) / 60_000, values });
  console.log(JSON.stringify({ minute: Math.round(samples.at(-1)!.t * 100) / 100, ...values, statuses }));
}
stop = true;
await load;
await sleep(2000);
await client.close();
const code = await svc.stop();

function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxy = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return sxy / sxx;
}
const steady = samples.filter((s) => s.t >= 1);
console.log(`\nsoak: ${minutes} min at ${rate} req/s; answers ${JSON.stringify(statuses)}; service exit code ${code}`);
console.log('| series | first (after 1 min) | last | min | max | slope per minute |');
console.log('|---|---|---|---|---|---|');
const fmt = (k: string, v: number) => (k === 'fds' ? String(Math.round(v * 100) / 100) : `${(v / 2 ** 20).toFixed(2)} MiB`);
for (const k of Object.keys(series)) {
  const ys = steady.map((s) => s.values[k]!);
  const sl = slope(steady.map((s) => ({ x: s.t, y: s.values[k]! })));
  console.log(`| ${k} | ${fmt(k, ys[0]!)} | ${fmt(k, ys.at(-1)!)} | ${fmt(k, Math.min(...ys))} | ${fmt(k, Math.max(...ys))} | ${fmt(k, sl)} |`);
}
