/** Service configuration, read from environment variables and validated once at start. */
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
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 64 * 1024 * 1024,
  pointsPerSeries: 1_000_000,
  batchSeries: 1_000,
  batchSpecs: 64,
  outputValues: 10_000_000,
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
    },
    drainDelayMs: integer(env, 'DRAIN_DELAY_MS', 0, 0, 600_000, errors),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000, errors),
    speedupIntervalSeconds: integer(env, 'SPEEDUP_INTERVAL_SECONDS', 300, 0, 86_400, errors),
    maxEventLoopDelayMs: integer(env, 'MAX_EVENT_LOOP_DELAY_MS', 2_000, 0, 600_000, errors),
  };
  if (config.port !== 0 && config.port === config.metricsPort) errors.push(`PORT and METRICS_PORT must differ (both ${config.port})`);
  if (errors.length > 0) throw new ConfigError(`invalid configuration:\n  - ${errors.join('\n  - ')}`);
  return config;
}
