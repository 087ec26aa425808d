/** Service configuration, read from environment variables and validated once at start. */
import { availableParallelism } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { loadCredentials, type Auth } from './auth.ts';

export interface Limits {
  /** Largest request body accepted, in bytes (JSON or binary). */
  bodyBytes: number;
  /** Most values in one input series. */
  pointsPerSeries: number;
  /** Most series in one batch request. */
  batchSeries: number;
  /** Most indicator specs in one batch request. */
  batchSpecs: number;
  /** Most output values (all series, specs and outputs) one response may carry. */
  outputValues: number;
  /** Most open streams on one WebSocket connection (/v1/stream). */
  streamsPerConnection: number;
  /** Largest WebSocket message answered; larger ones get a MESSAGE_TOO_LARGE error (4x closes the connection). */
  streamMessageBytes: number;
  /** Replies queued to a WebSocket client that is not reading them, at most; beyond, the connection is dropped. */
  streamBufferedBytes: number;
}

export interface Config {
  host: string;
  port: number;
  /** Unix socket path; '' disables the socket listener. */
  socket: string;
  metricsHost: string;
  metricsPort: number;
  logLevel: string;
  limits: Limits;
  /** Readiness is false for this long after SIGTERM before listeners close (load balancers notice). */
  drainDelayMs: number;
  /** After SIGTERM, in-flight requests get this long to finish before connections are cut. */
  shutdownTimeoutMs: number;
  /** Seconds between speed-up self-benchmarks; 0 runs it only at start. */
  speedupIntervalSeconds: number;
  /** Event-loop delay above which requests are refused with 503; 0 disables the check. */
  maxEventLoopDelayMs: number;
  /** Used heap above which requests are refused with 503; 0 disables the check. */
  maxHeapUsedBytes: number;
  /** Requests in progress past which new ones are refused with 503; 0 disables the check. */
  maxInFlight: number;
  /** API authentication: bearer tokens, or explicitly disabled. */
  auth: Auth;
  /** Requests per client per window (0: no rate limit). */
  rateLimitMax: number;
  rateLimitWindowMs: number;
  /** Owner group of the Unix socket (name or gid); '' keeps the process's group. */
  socketGroup: string;
  workers: WorkerConfig;
  /** Processes serving the API (WORKERS): 1 is a single process; N > 1 forks N cluster workers under a primary that serves the admin port. */
  processes: number;
  /** Honour `x-chitti-fault` request headers (demo and tests only). */
  faultInjection: boolean;
}

export interface WorkerConfig {
  /** Worker threads for large requests; 0 computes everything on the main thread. */
  threads: number;
  /** JSON bodies of at least this many bytes are parsed and computed in a worker. */
  jsonBytes: number;
  /** Binary requests of at least this many points per input are computed in a worker. */
  binaryPoints: number;
  /** Large requests waiting for a worker at most; beyond, 503. */
  queue: number;
}

export const DEFAULT_WORKERS: WorkerConfig = {
  threads: Math.max(1, Math.min(4, availableParallelism() - 1)),
  jsonBytes: 1024 * 1024,
  binaryPoints: 250_000,
  queue: 16,
};

/** 85% of V8's heap limit: room for a last large request before the 503s start. */
export const DEFAULT_MAX_HEAP_USED_BYTES = Math.floor(getHeapStatistics().heap_size_limit * 0.85);

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 64 * 1024 * 1024,
  pointsPerSeries: 1_000_000,
  batchSeries: 1_000,
  batchSpecs: 64,
  outputValues: 10_000_000,
  streamsPerConnection: 1_000,
  streamMessageBytes: 1024 * 1024,
  streamBufferedBytes: 16 * 1024 * 1024,
};

type Env = Readonly<Record<string, string | undefined>>;

/** Thrown with every configuration problem listed, one per line. */
export class ConfigError extends Error {}

function integer(env: Env, name: string, fallback: number, min: number, max: number, errors: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < min || value > max) {
    errors.push(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function flag(env: Env, name: string, errors: string[]): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  errors.push(`${name} must be 0 or 1, got "${env[name]}"`);
  return false;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the configuration; throws a ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env): Config {
  const errors: string[] = [];
  const logLevel = (env.LOG_LEVEL ?? 'info').trim().toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) errors.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  const socket = env.COMPUTE_SOCKET ?? '/tmp/chitti-compute.sock';
  if (socket !== '' && Buffer.byteLength(socket) > 100) errors.push(`COMPUTE_SOCKET must be at most 100 bytes (a Unix socket path limit), got ${Buffer.byteLength(socket)}`);
  const config: Config = {
    host: env.HOST?.trim() || '0.0.0.0',
    port: integer(env, 'PORT', 8080, 0, 65535, errors),
    socket,
    metricsHost: env.METRICS_HOST?.trim() || '0.0.0.0',
    metricsPort: integer(env, 'METRICS_PORT', 9464, 0, 65535, errors),
    logLevel,
    limits: {
      bodyBytes: integer(env, 'MAX_BODY_BYTES', DEFAULT_LIMITS.bodyBytes, 1024, 2 ** 31 - 1, errors),
      pointsPerSeries: integer(env, 'MAX_POINTS_PER_SERIES', DEFAULT_LIMITS.pointsPerSeries, 1, 100_000_000, errors),
      batchSeries: integer(env, 'MAX_BATCH_SERIES', DEFAULT_LIMITS.batchSeries, 1, 1_000_000, errors),
      batchSpecs: integer(env, 'MAX_BATCH_SPECS', DEFAULT_LIMITS.batchSpecs, 1, 10_000, errors),
      outputValues: integer(env, 'MAX_OUTPUT_VALUES', DEFAULT_LIMITS.outputValues, 1, 100_000_000, errors),
      streamsPerConnection: integer(env, 'MAX_STREAMS_PER_CONNECTION', DEFAULT_LIMITS.streamsPerConnection, 1, 1_000_000, errors),
      streamMessageBytes: integer(env, 'MAX_STREAM_MESSAGE_BYTES', DEFAULT_LIMITS.streamMessageBytes, 1024, 256 * 1024 * 1024, errors),
      streamBufferedBytes: integer(env, 'MAX_STREAM_BUFFERED_BYTES', DEFAULT_LIMITS.streamBufferedBytes, 1024, 1024 * 1024 * 1024, errors),
    },
    drainDelayMs: integer(env, 'DRAIN_DELAY_MS', 0, 0, 600_000, errors),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000, errors),
    speedupIntervalSeconds: integer(env, 'SPEEDUP_INTERVAL_SECONDS', 300, 0, 86_400, errors),
    maxEventLoopDelayMs: integer(env, 'MAX_EVENT_LOOP_DELAY_MS', 250, 0, 600_000, errors),
    maxInFlight: integer(env, 'MAX_IN_FLIGHT', 256, 0, 1_000_000, errors),
    maxHeapUsedBytes: integer(env, 'MAX_HEAP_USED_BYTES', DEFAULT_MAX_HEAP_USED_BYTES, 0, 2 ** 45, errors),
    auth: loadCredentials(env, errors),
    rateLimitMax: integer(env, 'RATE_LIMIT_MAX', 0, 0, 10_000_000, errors),
    rateLimitWindowMs: integer(env, 'RATE_LIMIT_WINDOW_MS', 1_000, 100, 86_400_000, errors),
    socketGroup: env.COMPUTE_SOCKET_GROUP?.trim() ?? '',
    workers: {
      threads: integer(env, 'WORKER_THREADS', DEFAULT_WORKERS.threads, 0, 64, errors),
      jsonBytes: integer(env, 'WORKER_JSON_BYTES', DEFAULT_WORKERS.jsonBytes, 0, 2 ** 31 - 1, errors),
      binaryPoints: integer(env, 'WORKER_BINARY_POINTS', DEFAULT_WORKERS.binaryPoints, 0, 100_000_000, errors),
      queue: integer(env, 'WORKER_QUEUE', DEFAULT_WORKERS.queue, 0, 10_000, errors),
    },
    processes: integer(env, 'WORKERS', 1, 1, 256, errors),
    faultInjection: flag(env, 'CHITTI_FAULT_INJECTION', errors),
  };
  if (config.port !== 0 && config.port === config.metricsPort) errors.push(`PORT and METRICS_PORT must differ (both ${config.port})`);
  if (errors.length > 0) throw new ConfigError(`invalid configuration:\n  - ${errors.join('\n  - ')}`);
  return config;
}
