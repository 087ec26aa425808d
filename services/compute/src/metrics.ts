/**
 * The service's Prometheus metrics, one prom-client registry per app instance (tests build several).
 * METRICS.md documents every family; keep the two in step.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type RegistryContentType } from 'prom-client';
import { CUT_REASONS } from './connections.ts';
import { STREAM_ERROR_CODES } from './stream/codes.ts';
import { createOtelMetrics, type OtelMetrics } from './otel-metrics.ts';
import { mergePages, otelPrometheusText } from './otel-exposition.ts';

export const PREFIX = 'chitti_compute_';

export type Listener = 'tcp' | 'unix';

export interface Metrics {
  registry: Registry<RegistryContentType>;
  requests: Counter<'route' | 'method' | 'status_code'>;
  requestDuration: Histogram<'route' | 'method' | 'status_code' | 'size'>;
  indicatorDuration: Histogram<'indicator' | 'kernel'>;
  indicatorPoints: Histogram<'indicator'>;
  errors: Counter<'type'>;
  activeConnections: Gauge<'listener'>;
  info: Gauge<'version' | 'node_version' | 'kernel' | 'simd'>;
  speedup: Gauge<'indicator'>;
  wasmMemory: Gauge<'thread'>;
  workerQueue: Gauge;
  workerHeap: Gauge<'kind'>;
  streamsActive: Gauge;
  streamUpdates: Counter<'indicator'>;
  streamUpdateDuration: Histogram;
  streamConnections: Gauge;
  streamStateBytes: Gauge;
  streamStateBudget: Gauge;
  streamErrors: Counter<'code'>;
  connectionsCut: Counter<'reason'>;
  workerReplacements: Counter<'reason'>;
  /** OpenTelemetry's HTTP server metrics (the SDK's), served on the same page; absent when turned off. */
  otel: OtelMetrics | undefined;
}

/** Why a worker thread was replaced (label of chitti_compute_worker_replacements_total). */
export const WORKER_REPLACEMENT_REASONS = ['heap_grown', 'out_of_memory', 'exited'] as const;

/**
 * Request bodies of at least this many bytes are `size="large"` in the request-duration histogram,
 * smaller ones (and requests without a body) `size="small"`: the two latency SLOs' populations.
 * 256 KiB: the 1k-point JSON requests (18 KB) are far below it, 100k-point binary bodies (800 KB)
 * and batches of 100 series (1.8 MB) above.
 */
export const LARGE_REQUEST_BYTES = 256 * 1024;
export type RequestSize = 'small' | 'large';

/** The size class of a request from its Content-Length (absent or invalid: small). */
export function requestSize(contentLength: string | undefined): RequestSize {
  const bytes = Number(contentLength);
  return Number.isFinite(bytes) && bytes >= LARGE_REQUEST_BYTES ? 'large' : 'small';
}

export const REQUEST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
export const KERNEL_BUCKETS = [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
/** One streamed bar: parse, update, serialise; microseconds normally. */
export const STREAM_BUCKETS = [0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.01, 0.05];
export const POINTS_BUCKETS = [10, 100, 500, 1_000, 5_000, 10_000, 50_000, 100_000, 500_000, 1_000_000, 5_000_000, 10_000_000];

/** Error `type` label values, pre-declared at zero so rate() works from the first scrape. */
export const ERROR_TYPES = ['malformed', 'unauthorized', 'forbidden', 'rate_limited', 'validation', 'not_found', 'method_not_allowed', 'timeout', 'payload_too_large', 'unsupported_media_type', 'overload', 'internal'];

export const DROPPED_DEFAULT_METRICS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

export interface MetricsOptions {
  version: string;
  kernel: string;
  simd: boolean;
  indicators: readonly string[];
  /** prom-client's process and Node.js runtime metrics (on by default). */
  defaultMetrics?: boolean;
  /** OpenTelemetry's semantic-convention HTTP server metrics (on by default). */
  otelMetrics?: boolean;
  /** Read at scrape time: WebAssembly memory of the main thread and of the workers (summed). */
  wasmMemory?: () => { main: number; workers: number };
  /** Read at scrape time: large requests waiting for a worker. */
  workerQueue?: () => number;
  /** Read at scrape time: the worker threads' V8 heaps, summed, as of their latest tasks. */
  workerHeap?: () => { used: number; total: number };
  /** Read at scrape time: bytes of stream state held, and the process's budget for it. */
  streamState?: () => { used: number; limit: number };
}

/** prom-client's process and Node.js runtime metrics, less the ones promtool rejects. */
export function registerProcessMetrics(registry: Registry<RegistryContentType>): void {
  collectDefaultMetrics({ register: registry });
  // Gauges named *_total break the Prometheus naming rules (promtool check metrics fails on them);
  // each is the sum of its per-type sibling (nodejs_active_handles{type}), so nothing is lost.
  for (const name of DROPPED_DEFAULT_METRICS) registry.removeSingleMetric(name);
}

export function createMetrics(options: MetricsOptions): Metrics {
  // Exemplar-enabled histograms can only be registered while the registry is in OpenMetrics mode;
  // it is switched to the Prometheus format (the default for scrapes) once everything is registered.
  // (prom-client's type declarations omit the constructor's content-type argument.)
  const OpenRegistry = Registry as unknown as new (contentType: RegistryContentType) => Registry<RegistryContentType>;
  const registry = new OpenRegistry(Registry.OPENMETRICS_CONTENT_TYPE);
  const labelsFor = <T extends string>(names: T[]) => names;
  const requests = new Counter({
    name: `${PREFIX}requests_total`,
    help: 'HTTP requests served by the API (TCP and Unix socket), by route pattern, method and status code.',
    labelNames: labelsFor(['route', 'method', 'status_code']),
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: `${PREFIX}request_duration_seconds`,
    help: 'Time from the request arriving to the response being written, in seconds, by route, method, status code and size class of the body (small, large). OpenMetrics exemplars carry trace_id.',
    labelNames: labelsFor(['route', 'method', 'status_code', 'size']),
    buckets: REQUEST_BUCKETS,
    enableExemplars: true,
    registers: [registry],
  });
  const indicatorDuration = new Histogram({
    name: `${PREFIX}indicator_duration_seconds`,
    help: 'Time spent in one indicator kernel call (a single series or a panel of series), in seconds.',
    labelNames: labelsFor(['indicator', 'kernel']),
    buckets: KERNEL_BUCKETS,
    registers: [registry],
  });
  const indicatorPoints = new Histogram({
    name: `${PREFIX}indicator_data_points`,
    help: 'Input data points per indicator kernel call (length times number of series for a panel).',
    labelNames: labelsFor(['indicator']),
    buckets: POINTS_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: `${PREFIX}errors_total`,
    help: 'Error responses, by problem type label (validation, malformed, not_found, payload_too_large, unsupported_media_type, overload, internal, ...).',
    labelNames: labelsFor(['type']),
    registers: [registry],
  });
  const activeConnections = new Gauge({
    name: `${PREFIX}active_connections`,
    help: 'Open client connections to the API, by listener (tcp, unix).',
    labelNames: labelsFor(['listener']),
    registers: [registry],
  });
  const info = new Gauge({
    name: `${PREFIX}info`,
    help: 'Always 1; labels tell the service version, the Node.js version, the kernel in use and whether WebAssembly SIMD is supported.',
    labelNames: labelsFor(['version', 'node_version', 'kernel', 'simd']),
    registers: [registry],
  });
  const speedup = new Gauge({
    name: `${PREFIX}indicator_speedup_ratio`,
    help: 'Measured speed of the WebAssembly SIMD kernel relative to the TypeScript reference on fixed data (reference time / WASM time).',
    labelNames: labelsFor(['indicator']),
    registers: [registry],
  });
  const wasmMemory = new Gauge({
    name: `${PREFIX}wasm_memory_bytes`,
    help: 'WebAssembly linear memory of the kernels, by thread: main, or workers (summed over the worker pool, as last reported).',
    labelNames: labelsFor(['thread']),
    registers: [registry],
    collect() {
      const m = options.wasmMemory?.() ?? { main: 0, workers: 0 };
      this.set({ thread: 'main' }, m.main);
      this.set({ thread: 'workers' }, m.workers);
    },
  });
  const workerQueue = new Gauge({
    name: `${PREFIX}worker_queue_depth`,
    help: 'Large requests waiting for a worker thread (503 beyond WORKER_QUEUE).',
    registers: [registry],
    collect() {
      this.set(options.workerQueue?.() ?? 0);
    },
  });
  const workerHeap = new Gauge({
    name: `${PREFIX}worker_heap_bytes`,
    help: 'V8 heap of the worker threads, summed over the pool, as each reported at the end of its latest task: kind used or total.',
    labelNames: labelsFor(['kind']),
    registers: [registry],
    collect() {
      const h = options.workerHeap?.() ?? { used: 0, total: 0 };
      this.set({ kind: 'used' }, h.used);
      this.set({ kind: 'total' }, h.total);
    },
  });
  const streamsActive = new Gauge({
    name: `${PREFIX}streams_active`,
    help: 'Indicator streams open on WebSocket connections to /v1/stream (they live in their connection).',
    registers: [registry],
  });
  const streamUpdates = new Counter({
    name: `${PREFIX}stream_updates_total`,
    help: 'Bars committed to indicator streams by update messages on /v1/stream, by indicator (seeding history excluded).',
    labelNames: labelsFor(['indicator']),
    registers: [registry],
  });
  const streamUpdateDuration = new Histogram({
    name: `${PREFIX}stream_update_duration_seconds`,
    help: 'Time to handle one successful update message on /v1/stream (parse, update the stream, serialise and queue the output), in seconds.',
    buckets: STREAM_BUCKETS,
    registers: [registry],
  });
  const streamConnections = new Gauge({
    name: `${PREFIX}stream_connections`,
    help: 'Open WebSocket connections to /v1/stream (MAX_STREAM_CONNECTIONS per process).',
    registers: [registry],
  });
  const streamStateBytes = new Gauge({
    name: `${PREFIX}stream_state_bytes`,
    help: 'Bytes of indicator-stream state held by the open streams of all /v1/stream connections (the accounting MAX_STREAM_STATE_BYTES bounds).',
    registers: [registry],
    collect() {
      this.set(options.streamState?.().used ?? 0);
    },
  });
  const streamStateBudget = new Gauge({
    name: `${PREFIX}stream_state_budget_bytes`,
    help: 'MAX_STREAM_STATE_BYTES: the stream state this process may hold; opens and restores past it get PROCESS_STATE_BUDGET.',
    registers: [registry],
    collect() {
      this.set(options.streamState?.().limit ?? 0);
    },
  });
  const streamErrors = new Counter({
    name: `${PREFIX}stream_errors_total`,
    help: 'Error replies on /v1/stream, by code (the protocol\'s and the kernels library\'s; RATE_LIMITED and OVERLOADED are shed messages).',
    labelNames: labelsFor(['code']),
    registers: [registry],
  });
  const connectionsCut = new Counter({
    name: `${PREFIX}connections_cut_total`,
    help: 'Client connections the service closed because a limit or timeout was reached, by reason.',
    labelNames: labelsFor(['reason']),
    registers: [registry],
  });
  const workerReplacements = new Counter({
    name: `${PREFIX}worker_replacements_total`,
    help: 'Worker threads replaced, by reason: heap_grown (recycled once idle), out_of_memory (WORKER_MAX_HEAP_MB reached), exited.',
    labelNames: labelsFor(['reason']),
    registers: [registry],
  });
  for (const code of STREAM_ERROR_CODES) streamErrors.inc({ code }, 0);
  for (const reason of CUT_REASONS) connectionsCut.inc({ reason }, 0);
  for (const reason of WORKER_REPLACEMENT_REASONS) workerReplacements.inc({ reason }, 0);
  for (const indicator of options.indicators) streamUpdates.inc({ indicator }, 0);
  info.set({ version: options.version, node_version: process.version, kernel: options.kernel, simd: String(options.simd) }, 1);
  for (const type of ERROR_TYPES) errors.inc({ type }, 0);
  for (const listener of ['tcp', 'unix'] as const) activeConnections.set({ listener }, 0);
  if (options.defaultMetrics !== false) registerProcessMetrics(registry);
  registry.setContentType(Registry.PROMETHEUS_CONTENT_TYPE);
  return {
    registry, requests, requestDuration, indicatorDuration, indicatorPoints, errors, activeConnections, info, speedup, wasmMemory, workerQueue, workerHeap,
    streamsActive, streamUpdates, streamUpdateDuration, streamConnections, streamStateBytes, streamStateBudget, streamErrors, connectionsCut, workerReplacements,
    otel: options.otelMetrics === false ? undefined : createOtelMetrics({ version: options.version }),
  };
}

export const PROMETHEUS_TEXT = Registry.PROMETHEUS_CONTENT_TYPE;
export const OPENMETRICS_TEXT = Registry.OPENMETRICS_CONTENT_TYPE;

/** True when the scraper's Accept header prefers OpenMetrics text (as Prometheus sends it). */
export function wantsOpenMetrics(accept: string | undefined): boolean {
  if (!accept) return false;
  let best = { om: -1, prom: -1 };
  for (const part of accept.split(',')) {
    const [type = '', ...rest] = part.trim().split(';').map((s) => s.trim());
    const q = Number(rest.find((r) => r.startsWith('q='))?.slice(2) ?? '1');
    const weight = Number.isFinite(q) ? q : 0;
    if (type === 'application/openmetrics-text') best.om = Math.max(best.om, weight);
    else if (type === 'text/plain' || type === '*/*') best.prom = Math.max(best.prom, weight);
  }
  return best.om > 0 && best.om >= best.prom;
}

/**
 * Serialises the registry in either format, followed by the OpenTelemetry families (one page).
 * prom-client keys the format on the registry and, when writing OpenMetrics, renames counters in
 * place (drops `_total`); so scrapes run one at a time and counter names are restored after each
 * OpenMetrics one. Exemplars only appear in OpenMetrics.
 */
export class MetricsEndpoint {
  private readonly registry: Registry<RegistryContentType>;
  private readonly otel: OtelMetrics | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(registry: Registry<RegistryContentType>, otel?: OtelMetrics) {
    this.registry = registry;
    this.otel = otel;
  }

  scrape(openMetrics: boolean): Promise<{ contentType: string; body: string }> {
    const run = async () => {
      const promClient = await this.promClientPage(openMetrics);
      const body = this.otel ? mergePages(promClient, otelPrometheusText(this.otel.resource, await this.otel.collect()), openMetrics) : promClient;
      return { contentType: openMetrics ? OPENMETRICS_TEXT : PROMETHEUS_TEXT, body };
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async promClientPage(openMetrics: boolean): Promise<string> {
    if (!openMetrics) return this.registry.metrics();
    const counters = this.registry.getMetricsAsArray().filter((m) => (m as unknown as { type: string }).type === 'counter') as unknown as { name: string }[];
    const names = counters.map((c) => c.name);
    this.registry.setContentType(OPENMETRICS_TEXT);
    try {
      return await this.registry.metrics();
    } finally {
      this.registry.setContentType(PROMETHEUS_TEXT);
      counters.forEach((c, i) => (c.name = names[i]!));
    }
  }
}
