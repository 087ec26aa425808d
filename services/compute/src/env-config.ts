/** Service configuration, read from environment variables and validated once at start (defaults: src/settings.ts). */
import { loadCredentials, type Auth } from './auth.ts';
import {
  DEFAULT_DRAIN_DELAY_MS,
  DEFAULT_LIMITS,
  DEFAULT_OVERLOAD,
  DEFAULT_RATE_LIMIT,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  DEFAULT_SPEEDUP_INTERVAL_SECONDS,
  DEFAULT_TIMEOUTS,
  DEFAULT_WORKERS,
  type Limits,
  type OverloadBounds,
  type RateLimit,
  type Timeouts,
  type WorkerConfig,
} from './settings.ts';

export type { Limits, OverloadBounds, RateLimit, Timeouts, WorkerConfig } from './settings.ts';

export interface Config {
  host: string;
  port: number;
  /** Unix socket path; '' disables the socket listener. */
  socket: string;
  metricsHost: string;
  metricsPort: number;
  logLevel: string;
  limits: Limits;
  timeouts: Timeouts;
  overload: OverloadBounds;
  /** Readiness is false for this long after SIGTERM before listeners close (load balancers notice). */
  drainDelayMs: number;
  /** After SIGTERM, in-flight requests get this long to finish before connections are cut. */
  shutdownTimeoutMs: number;
  /** Seconds between speed-up self-benchmarks; 0 runs it only at start. */
  speedupIntervalSeconds: number;
  /** API authentication: bearer tokens, or explicitly disabled. */
  auth: Auth;
  /** Requests per client per window (max 0: no rate limit). */
  rateLimit: RateLimit;
  /** Owner group of the Unix socket (name or gid); '' keeps the process's group. */
  socketGroup: string;
  workers: WorkerConfig;
  /** Processes serving the API (WORKERS): 1 is a single process; N > 1 forks N cluster workers under a primary that serves the admin port. */
  processes: number;
  /** Honour `x-chitti-fault` request headers (demo and tests only). */
  faultInjection: boolean;
}

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
  const L = DEFAULT_LIMITS;
  const T = DEFAULT_TIMEOUTS;
  const W = DEFAULT_WORKERS;
  const config: Config = {
    host: env.HOST?.trim() || '0.0.0.0',
    port: integer(env, 'PORT', 8080, 0, 65535, errors),
    socket,
    metricsHost: env.METRICS_HOST?.trim() || '0.0.0.0',
    metricsPort: integer(env, 'METRICS_PORT', 9464, 0, 65535, errors),
    logLevel,
    limits: {
      bodyBytes: integer(env, 'MAX_BODY_BYTES', L.bodyBytes, 1024, 2 ** 31 - 1, errors),
      pointsPerSeries: integer(env, 'MAX_POINTS_PER_SERIES', L.pointsPerSeries, 1, 100_000_000, errors),
      batchSeries: integer(env, 'MAX_BATCH_SERIES', L.batchSeries, 1, 1_000_000, errors),
      batchSpecs: integer(env, 'MAX_BATCH_SPECS', L.batchSpecs, 1, 10_000, errors),
      outputValues: integer(env, 'MAX_OUTPUT_VALUES', L.outputValues, 1, 100_000_000, errors),
      streamsPerConnection: integer(env, 'MAX_STREAMS_PER_CONNECTION', L.streamsPerConnection, 1, 1_000_000, errors),
      streamMessageBytes: integer(env, 'MAX_STREAM_MESSAGE_BYTES', L.streamMessageBytes, 1024, 256 * 1024 * 1024, errors),
      streamBufferedBytes: integer(env, 'MAX_STREAM_BUFFERED_BYTES', L.streamBufferedBytes, 1024, 1024 * 1024 * 1024, errors),
      streamStateBytesPerConnection: integer(env, 'MAX_STREAM_STATE_BYTES_PER_CONNECTION', L.streamStateBytesPerConnection, 1024, 2 ** 40, errors),
      streamStateBytes: integer(env, 'MAX_STREAM_STATE_BYTES', L.streamStateBytes, 1024, 2 ** 40, errors),
      streamConnections: integer(env, 'MAX_STREAM_CONNECTIONS', L.streamConnections, 1, 1_000_000, errors),
      streamConnectionsPerClient: integer(env, 'MAX_STREAM_CONNECTIONS_PER_CLIENT', L.streamConnectionsPerClient, 1, 1_000_000, errors),
      streamMessagesPerSecond: integer(env, 'STREAM_MESSAGES_PER_SECOND', L.streamMessagesPerSecond, 0, 100_000_000, errors),
    },
    timeouts: {
      headersMs: integer(env, 'HEADERS_TIMEOUT_MS', T.headersMs, 100, 600_000, errors),
      requestMs: integer(env, 'REQUEST_TIMEOUT_MS', T.requestMs, 100, 3_600_000, errors),
      idleMs: integer(env, 'IDLE_TIMEOUT_MS', T.idleMs, 100, 3_600_000, errors),
      keepAliveMs: integer(env, 'KEEP_ALIVE_TIMEOUT_MS', T.keepAliveMs, 100, 3_600_000, errors),
      streamPingMs: integer(env, 'STREAM_PING_INTERVAL_MS', T.streamPingMs, 100, 3_600_000, errors),
    },
    overload: {
      maxEventLoopDelayMs: integer(env, 'MAX_EVENT_LOOP_DELAY_MS', DEFAULT_OVERLOAD.maxEventLoopDelayMs, 0, 600_000, errors),
      maxHeapUsedBytes: integer(env, 'MAX_HEAP_USED_BYTES', DEFAULT_OVERLOAD.maxHeapUsedBytes, 0, 2 ** 45, errors),
      maxInFlight: integer(env, 'MAX_IN_FLIGHT', DEFAULT_OVERLOAD.maxInFlight, 0, 1_000_000, errors),
    },
    drainDelayMs: integer(env, 'DRAIN_DELAY_MS', DEFAULT_DRAIN_DELAY_MS, 0, 600_000, errors),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', DEFAULT_SHUTDOWN_TIMEOUT_MS, 100, 600_000, errors),
    speedupIntervalSeconds: integer(env, 'SPEEDUP_INTERVAL_SECONDS', DEFAULT_SPEEDUP_INTERVAL_SECONDS, 0, 86_400, errors),
    auth: loadCredentials(env, errors),
    rateLimit: {
      max: integer(env, 'RATE_LIMIT_MAX', DEFAULT_RATE_LIMIT.max, 0, 10_000_000, errors),
      windowMs: integer(env, 'RATE_LIMIT_WINDOW_MS', DEFAULT_RATE_LIMIT.windowMs, 100, 86_400_000, errors),
    },
    socketGroup: env.COMPUTE_SOCKET_GROUP?.trim() ?? '',
    workers: {
      threads: integer(env, 'WORKER_THREADS', W.threads, 0, 64, errors),
      jsonBytes: integer(env, 'WORKER_JSON_BYTES', W.jsonBytes, 0, 2 ** 31 - 1, errors),
      binaryPoints: integer(env, 'WORKER_BINARY_POINTS', W.binaryPoints, 0, 100_000_000, errors),
      queue: integer(env, 'WORKER_QUEUE', W.queue, 0, 10_000, errors),
      maxHeapMb: integer(env, 'WORKER_MAX_HEAP_MB', W.maxHeapMb, 16, 65_536, errors),
      recycleHeapMb: integer(env, 'WORKER_RECYCLE_HEAP_MB', W.recycleHeapMb, 16, 65_536, errors),
    },
    processes: integer(env, 'WORKERS', 1, 1, 256, errors),
    faultInjection: flag(env, 'CHITTI_FAULT_INJECTION', errors),
  };
  if (config.port !== 0 && config.port === config.metricsPort) errors.push(`PORT and METRICS_PORT must differ (both ${config.port})`);
  if (config.timeouts.headersMs > config.timeouts.requestMs) errors.push(`HEADERS_TIMEOUT_MS (${config.timeouts.headersMs}) must not exceed REQUEST_TIMEOUT_MS (${config.timeouts.requestMs})`);
  if (errors.length > 0) throw new ConfigError(`invalid configuration:\n  - ${errors.join('\n  - ')}`);
  return config;
}
