/**
 * The API app: the service state, the cross-cutting plugins (src/plugins/, one concern each) and the
 * routes. `buildApp` is what main.ts, the tests and the benchmarks use; it does not listen (see
 * listeners.ts). Every default comes from src/settings.ts.
 */
import { readFileSync } from 'node:fs';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { indicators, kernelStatus, wasmMemoryBytes } from '@chitti/kernels';
import type { Auth } from './auth.ts';
import { Connections } from './connections.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { Offload } from './offload.ts';
import { authPlugin } from './plugins/auth.ts';
import { contentTypesPlugin } from './plugins/content-types.ts';
import { drainPlugin } from './plugins/drain.ts';
import { clientErrorHandler, guardServer, limitsPlugin, serverOptions } from './plugins/limits.ts';
import { overloadPlugin } from './plugins/overload.ts';
import { frameworkErrors, problemsPlugin } from './plugins/problems.ts';
import { requestId, telemetryPlugin } from './plugins/telemetry.ts';
import { upgradesPlugin } from './plugins/upgrades.ts';
import { largeRequestsPlugin } from './plugins/large-requests.ts';
import { batchRoutes } from './routes/batch.ts';
import { patternRoutes } from './routes/patterns.ts';
import { indicatorRoutes } from './routes/indicators.ts';
import { metaRoutes } from './routes/meta.ts';
import { streamRoutes } from './routes/stream.ts';
import { Runner } from './kernel-runner.ts';
import {
  DEFAULT_LIMITS,
  DEFAULT_OVERLOAD,
  DEFAULT_RATE_LIMIT,
  DEFAULT_SPEEDUP_INTERVAL_SECONDS,
  DEFAULT_TIMEOUTS,
  DEFAULT_WORKERS,
  type Limits,
  type RateLimit,
  type Timeouts,
  type WorkerConfig,
} from './settings.ts';
import { selfCheck, startSpeedupLoop } from './speedup.ts';
import type { ServiceState } from './state.ts';
import { StateBudget } from './stream/budget.ts';
import './state.ts';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface AppOptions {
  limits?: Partial<Limits>;
  timeouts?: Partial<Timeouts>;
  /** Record Prometheus metrics (default true). Benchmarks turn this off to measure its cost. */
  metrics?: boolean;
  /** prom-client's process and runtime metrics (default true; ignored without metrics). */
  defaultMetrics?: boolean;
  /** OpenTelemetry's HTTP server metrics (default true; ignored without metrics). Benchmarks turn this off to measure its cost. */
  otelMetrics?: boolean;
  /** A pino logger; default: silent. */
  logger?: FastifyBaseLogger;
  /** Seconds between speed-up self-benchmarks (0: at start only; -1: never). */
  speedupIntervalSeconds?: number;
  /** Event-loop delay (ms) above which requests get 503; 0 disables. */
  maxEventLoopDelayMs?: number;
  /** Used heap (bytes) above which requests get 503; 0 disables. */
  maxHeapUsedBytes?: number;
  /** Requests in progress (body being read, computing, waiting for a worker) past which new ones get 503; 0 disables. */
  maxInFlight?: number;
  /**
   * API authentication. Default: disabled, since buildApp is the programmatic entry (tests,
   * benchmarks); the process entry (main.ts) requires tokens unless API_AUTH=disabled.
   */
  auth?: Auth;
  /** Per-client rate limit (requests per window); absent or max 0: none. */
  rateLimit?: RateLimit;
  /** Worker pool for large requests; threads 0 computes everything on the main thread. */
  workers?: Partial<WorkerConfig>;
  /** Honour `x-chitti-fault: error` (answer 500). Default false. */
  faultInjection?: boolean;
}

export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const timeouts: Timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const status = kernelStatus();
  // Read by the metrics at scrape time; filled in once built.
  const parts: { offload?: Offload; budget?: StateBudget } = {};
  const metrics: Metrics | undefined =
    options.metrics === false
      ? undefined
      : createMetrics({
          version: VERSION,
          kernel: status.kernel,
          simd: status.simd,
          indicators: indicators.map((d) => d.id),
          defaultMetrics: options.defaultMetrics ?? true,
          otelMetrics: options.otelMetrics ?? true,
          wasmMemory: () => ({ main: wasmMemoryBytes(), workers: parts.offload?.wasmMemoryBytes ?? 0 }),
          workerQueue: () => parts.offload?.queued ?? 0,
          workerHeap: () => parts.offload?.workerHeapBytes ?? { used: 0, total: 0 },
          streamState: () => ({ used: parts.budget?.used ?? 0, limit: limits.streamStateBytes }),
        });
  const connections = new Connections(metrics);
  const onClientError = clientErrorHandler(connections, metrics, timeouts);

  const app = Fastify({
    loggerInstance: options.logger ?? pino({ level: 'silent' }),
    // One log line per request, written by the telemetry plugin with the trace id (fastify's own two are off).
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    genReqId: requestId,
    bodyLimit: limits.bodyBytes,
    // Shutdown is handled by src/plugins/drain.ts and src/listeners.ts.
    return503OnClosing: false,
    forceCloseConnections: false,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false } },
    frameworkErrors: frameworkErrors(metrics),
    ...serverOptions(timeouts, onClientError),
  });

  const runner = new Runner(metrics);
  const offload = new Offload({ ...DEFAULT_WORKERS, ...options.workers }, runner, metrics, app.log);
  const budget = new StateBudget(limits.streamStateBytes);
  parts.offload = offload;
  parts.budget = budget;
  const state: ServiceState = {
    version: VERSION,
    limits,
    timeouts,
    metrics,
    runner,
    offload,
    connections,
    websockets: new Set(),
    streamState: budget,
    auth: options.auth ?? { mode: 'disabled' },
    faultInjection: options.faultInjection ?? false,
    selfCheck: undefined,
    draining: false,
    closing: false,
    onClientError,
  };
  app.decorate('chitti', state);
  connections.watch(app.server, 'tcp');
  guardServer(app.server, metrics);

  // Hooks run in registration order: span first, then authentication (nothing is revealed to an
  // unauthenticated caller), then shutdown, load shedding and rate limits.
  await app.register(telemetryPlugin);
  await app.register(problemsPlugin);
  await app.register(authPlugin);
  await app.register(drainPlugin);
  await app.register(overloadPlugin, {
    maxEventLoopDelayMs: options.maxEventLoopDelayMs ?? DEFAULT_OVERLOAD.maxEventLoopDelayMs,
    maxHeapUsedBytes: options.maxHeapUsedBytes ?? DEFAULT_OVERLOAD.maxHeapUsedBytes,
    maxInFlight: options.maxInFlight ?? DEFAULT_OVERLOAD.maxInFlight,
  });
  await app.register(limitsPlugin, { rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT });
  await app.register(contentTypesPlugin);
  await app.register(upgradesPlugin);
  await app.register(largeRequestsPlugin);

  state.selfCheck = selfCheck();
  await app.register(indicatorRoutes);
  await app.register(batchRoutes);
  await app.register(patternRoutes);
  await app.register(metaRoutes);
  await app.register(streamRoutes);

  let stopSpeedup = () => {};
  app.addHook('onReady', async () => {
    if (!state.selfCheck!.ok) app.log.error({ failures: state.selfCheck!.failures }, 'kernel self-check failed; /ready stays false');
    const interval = options.speedupIntervalSeconds ?? DEFAULT_SPEEDUP_INTERVAL_SECONDS;
    if (metrics && interval >= 0) {
      stopSpeedup = startSpeedupLoop(interval, (indicator, ratio) => metrics.speedup.set({ indicator }, ratio), (err) => app.log.error({ err }, 'speed-up self-benchmark failed'));
    }
  });
  app.addHook('preClose', async () => {
    state.draining = true;
    state.closing = true;
  });
  app.addHook('onClose', async () => {
    stopSpeedup();
    await state.offload.close();
    await metrics?.otel?.shutdown();
  });
  return app;
}

/** Ready to serve: kernels loaded and self-checked, not draining. */
export function readiness(app: FastifyInstance): { ready: boolean; reason: string } {
  const s = app.chitti;
  if (s.draining) return { ready: false, reason: 'draining' };
  if (!s.selfCheck) return { ready: false, reason: 'starting: kernel self-check not run yet' };
  if (!s.selfCheck.ok) return { ready: false, reason: `kernel self-check failed: ${s.selfCheck.failures.join('; ')}` };
  return { ready: true, reason: `kernels loaded (${s.selfCheck.kernel}) and self-checked` };
}
