/**
 * `npm run bench:slo -w @chitti/bench`: what the latency SLOs' targets rest on, read from
 * the service's own request-duration histogram per size class. An open loop offers small requests
 * (JSON 1,000 points) and large ones (JSON 100,000 points, about 1 MB, and a 100-series batch,
 * about 1.8 MB) at fixed rates for BENCH_SECONDS (default 60); the histogram's deltas over the run
 * give, for the 2xx compute requests of each class, the share completed within each bucket bound.
 * Env: BENCH_SECONDS, SMALL_RATE (req/s, default 20), LARGE_RATE (req/s of each large kind, 1).
 */
import { jsonRequest, openLoop, scrape, spreadPool, startService, type RequestSpec, type Requester } from './load.ts';
import { REQUEST_BUCKETS } from '../../services/compute/src/metrics.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const smallRate = Number(process.env.SMALL_RATE ?? 20);
const largeRate = Number(process.env.LARGE_RATE ?? 1);

const small = jsonRequest('ema', 1_000, { period: 20 });
const largeJson = jsonRequest('ema', 100_000, { period: 20 });
const series = Object.fromEntries(Array.from({ length: 100 }, (_, s) => [`S${s}`, { close: Array.from({ length: 1_000 }, (_, i) => 100 + Math.sin((i + s) / 40) * 5) }]));
const batch: RequestSpec = {
  path: '/v1/batch',
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify({ series, specs: [{ id: 'sma', params: { period: 20 } }, { id: 'ema', params: { period: 20 } }, { id: 'rsi', params: { period: 14 } }] })),
};

const COMPUTE = /route="(\/v1\/indicators\/:id|\/v1\/batch)"/;
/** Sum of the 2xx compute-route histogram samples of one size class, by `le` (and `count`). */
function byLe(metrics: Map<string, number>, size: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, value] of metrics) {
    if (!COMPUTE.test(key) || !/status_code="2\d\d"/.test(key) || !key.includes(`size="${size}"`)) continue;
    const le = /^chitti_compute_request_duration_seconds_bucket\{.*le="([^"]+)"/.exec(key)?.[1];
    const name = le ?? (key.startsWith('chitti_compute_request_duration_seconds_count{') ? 'count' : undefined);
    if (name) out.set(name, (out.get(name) ?? 0) + value);
  }
  return out;
}

/**
 * The load loops `dump()` response bodies, which gives up (and resets the connection) past 128 KiB:
 * a reset before the service finished writing is an aborted request, absent from its metrics. The
 * batch's 5 MB answer would never be counted; read every body to its end instead.
 */
function readingWholeBodies(pool: Requester): Requester {
  return {
    request: (async (options: Parameters<Requester['request']>[0]) => {
      const res = await pool.request(options);
      const body = res.body;
      body.dump = async () => {
        for await (const _chunk of body) { /* read to the end */ }
      };
      return res;
    }) as Requester['request'],
  };
}

const svc = await startService();
try {
  const connections = spreadPool(svc.url, 32);
  const pool = readingWholeBodies(connections);
  await openLoop(pool, () => small, 10, 2_000); // warm-up, not counted
  const before = await scrape(svc.adminUrl);
  const runs = await Promise.all([
    openLoop(pool, () => small, smallRate, seconds * 1000),
    openLoop(pool, () => largeJson, largeRate, seconds * 1000),
    openLoop(pool, () => batch, largeRate, seconds * 1000),
  ]);
  const after = await scrape(svc.adminUrl);
  await connections.close();
  const failed = runs.flat().filter((s) => s.status < 200 || s.status > 299).length;
  console.log(`${seconds} s: small ${smallRate}/s (${small.body.length} bytes), large ${largeRate}/s each (${largeJson.body.length} and ${batch.body.length} bytes); non-2xx or failed: ${failed}`);
  console.log('\n| size | 2xx requests | ' + REQUEST_BUCKETS.map((b) => `≤ ${b} s`).join(' | ') + ' |');
  console.log('|---|---|' + REQUEST_BUCKETS.map(() => '---').join('|') + '|');
  for (const size of ['small', 'large']) {
    const a = byLe(after, size);
    const b = byLe(before, size);
    const delta = (k: string) => (a.get(k) ?? 0) - (b.get(k) ?? 0);
    const count = delta('count');
    const cells = REQUEST_BUCKETS.map((le) => (count ? `${(100 * delta(String(le)) / count).toFixed(2)}%` : '-'));
    console.log(`| ${size} | ${count} | ${cells.join(' | ')} |`);
  }
} finally {
  await svc.stop();
}
