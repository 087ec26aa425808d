import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { Pool } from 'undici';
import type { LoadgenConfig } from './loadgen-config.ts';
import { BodyCache, nextRequest, type PlannedRequest } from './mix.ts';
import { createRng } from './rng.ts';
import { Stats } from './stats.ts';

/** Per-request limit: a request slower than this counts as a network error. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Sends the mix at `rate` requests per second until `signal` aborts or the duration elapses, then
 * waits (bounded) for the requests in flight.
 */
export async function run(config: LoadgenConfig, log: Logger, signal: AbortSignal): Promise<void> {
  const rng = createRng(config.seed);
  const cache = new BodyCache(createRng(config.seed ^ 0x5eed));
  // Connections are recycled now and then so that replicas behind a proxy all get traffic.
  const pool = new Pool(config.target, {
    connections: config.concurrency,
    headersTimeout: REQUEST_TIMEOUT_MS,
    bodyTimeout: REQUEST_TIMEOUT_MS,
    maxRequestsPerClient: 200,
  });
  const auth: Record<string, string> = config.apiToken ? { authorization: `Bearer ${config.apiToken}` } : {};
  const stats = new Stats();
  const inFlight = new Set<Promise<void>>();

  const send = async (req: PlannedRequest): Promise<void> => {
    const started = performance.now();
    try {
      const res = await pool.request({ method: req.method, path: req.path, headers: { ...auth, ...req.headers }, body: req.body });
      // Read to the end: dump()'s default limit (128 KiB) would reset the connection on a large response.
      await res.body.dump({ limit: Number.MAX_SAFE_INTEGER });
      stats.record(req.kind, res.statusCode, req.expect, (performance.now() - started) / 1000);
    } catch (err) {
      stats.networkErrors++;
      log.debug({ err, path: req.path }, 'request failed');
    }
  };

  const report = setInterval(() => log.info({ fault: config.fault, ...stats.flush() }, 'traffic summary'), config.reportSeconds * 1000);
  const deadline = config.durationSeconds > 0 ? performance.now() + config.durationSeconds * 1000 : Infinity;
  const intervalMs = 1000 / config.rate;
  let next = performance.now();
  log.info({ target: config.target, rate: config.rate, concurrency: config.concurrency, fault: config.fault, faultShare: config.faultShare, invalidShare: config.invalidShare }, 'load generator started');

  try {
    while (!signal.aborted && performance.now() < deadline) {
      if (inFlight.size >= config.concurrency) {
        stats.skipped++;
      } else {
        const p = send(nextRequest(rng, cache, config)).finally(() => inFlight.delete(p));
        inFlight.add(p);
        stats.sent++;
      }
      next += intervalMs;
      // Never try to catch up after a stall: that would turn a pause into a burst.
      const wait = Math.max(0, next - performance.now());
      if (wait === 0) next = performance.now();
      await sleep(wait, undefined, { signal }).catch(() => undefined);
    }
  } finally {
    clearInterval(report);
    const drained = Promise.allSettled([...inFlight]);
    // Unreferenced: once the requests settle, the timer must not hold the process for its 5 s.
    await Promise.race([drained, sleep(5_000, undefined, { ref: false })]);
    log.info({ ...stats.flush() }, 'load generator stopped');
    await pool.destroy();
  }
}
