/**
 * `npm run bench:fairness`: p99 of small requests (1,000-point JSON EMA) alone, then while 1M-point
 * JSON requests run alongside — with the worker pool (default) and without it (WORKER_THREADS=0).
 * Env: BENCH_SECONDS (per phase, default 20), SMALL_CONCURRENCY (4), LARGE_CONCURRENCY (1).
 */
import { closedLoop, jsonRequest, pool, startService, summarize } from './load.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const smallConcurrency = Number(process.env.SMALL_CONCURRENCY ?? 4);
const largeConcurrency = Number(process.env.LARGE_CONCURRENCY ?? 1);
const small = jsonRequest('ema', 1_000, { period: 20 });
const large = jsonRequest('ema', 1_000_000, { period: 20 });

async function phase(workers: string, withLarge: boolean) {
  const svc = await startService({ WORKER_THREADS: workers, MAX_EVENT_LOOP_DELAY_MS: '0' });
  try {
    const p = pool(svc.url, smallConcurrency + largeConcurrency);
    await closedLoop(p, () => small, smallConcurrency, 2000); // warm-up
    const stop = { stopped: false };
    const largeRun = withLarge ? closedLoop(p, () => large, largeConcurrency, seconds * 1000 + 60_000, stop) : Promise.resolve([]);
    const smallSamples = await closedLoop(p, () => small, smallConcurrency, seconds * 1000);
    stop.stopped = true;
    const largeSamples = await largeRun;
    await p.close();
    return { workers, withLarge, small: summarize(smallSamples, seconds), large: withLarge ? summarize(largeSamples, seconds) : undefined };
  } finally {
    await svc.stop();
  }
}

const results = [];
for (const workers of [process.env.WORKER_THREADS ?? '1', '0']) {
  for (const withLarge of [false, true]) {
    const r = await phase(workers, withLarge);
    console.log(JSON.stringify(r));
    results.push(r);
  }
}
console.log('\n| worker threads | 1M-point requests alongside | small req/s | small p50 ms | small p99 ms | small max ms | large req/s | large p50 ms |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.workers} | ${r.withLarge ? `yes (${largeConcurrency} in flight)` : 'no'} | ${r.small.okPerSecond} | ${r.small.okP50ms} | ${r.small.okP99ms} | ${r.small.okMaxms} | ${r.large?.okPerSecond ?? '-'} | ${r.large?.okP50ms ?? '-'} |`);
}
