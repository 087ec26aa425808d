/**
 * Every tunable of the service and its default, defined once: env-config.ts reads the environment into
 * these shapes (each variable falling back to the default here) and buildApp fills in whatever its
 * caller left out from the same objects. README.md ("Configuration") lists the variables.
 */
import { availableParallelism } from 'node:os';
import { getHeapStatistics } from 'node:v8';

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
  /** Bytes of indicator-stream state one WebSocket connection may hold (all its streams). */
  streamStateBytesPerConnection: number;
  /** Bytes of indicator-stream state the whole process may hold (all connections). */
  streamStateBytes: number;
  /** Open /v1/stream WebSocket connections in this process, at most (503 beyond). */
  streamConnections: number;
  /** Open /v1/stream WebSocket connections of one client (token name, or address), at most (429 beyond). */
  streamConnectionsPerClient: number;
  /** Message units one WebSocket connection may spend per second (src/stream/rate.ts); 0: unlimited. */
  streamMessagesPerSecond: number;
}

/** How long the service waits for a client before cutting its connection. */
export interface Timeouts {
  /** From a connection's opening (or its previous response) until a request's headers are complete. */
  headersMs: number;
  /** From the start of a request until its body has fully arrived (slow uploads). */
  requestMs: number;
  /**
   * No byte moving on a connection with a request in progress: none received while its body is
   * arriving, or none taken by the client while its response is being written. Computing is not idle.
   */
  idleMs: number;
  /** An idle keep-alive connection between requests. */
  keepAliveMs: number;
  /** Interval of the WebSocket heartbeat: a stream connection that has not answered the previous ping is cut. */
  streamPingMs: number;
}

/** Load shedding: past these bounds new requests get 503 and stream messages an OVERLOADED error. */
export interface OverloadBounds {
  /** Event-loop delay (ms) above which requests are refused; 0 disables. */
  maxEventLoopDelayMs: number;
  /** Used heap (bytes) above which requests are refused; 0 disables. */
  maxHeapUsedBytes: number;
  /** Requests in progress past which new ones are refused; 0 disables. */
  maxInFlight: number;
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
  /** V8 old-generation limit of each worker thread (MiB): a request needing more fails with 413 and the worker is replaced. */
  maxHeapMb: number;
  /** A worker whose V8 heap has grown past this (MiB) by the end of a task is replaced once idle. */
  recycleHeapMb: number;
}

export interface RateLimit {
  /** Requests per client per window; 0: no rate limit. */
  max: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 64 * 1024 * 1024,
  pointsPerSeries: 1_000_000,
  batchSeries: 1_000,
  batchSpecs: 64,
  outputValues: 10_000_000,
  streamsPerConnection: 1_000,
  streamMessageBytes: 1024 * 1024,
  streamBufferedBytes: 16 * 1024 * 1024,
  streamStateBytesPerConnection: 32 * 1024 * 1024,
  streamStateBytes: 256 * 1024 * 1024,
  streamConnections: 512,
  streamConnectionsPerClient: 64,
  streamMessagesPerSecond: 20_000,
};

export const DEFAULT_TIMEOUTS: Timeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  idleMs: 5_000,
  // Longer than the usual 60 s idle timeout of load balancers, so they close idle connections first.
  keepAliveMs: 72_000,
  streamPingMs: 30_000,
};

export const DEFAULT_OVERLOAD: OverloadBounds = {
  maxEventLoopDelayMs: 250,
  /** 85% of V8's heap limit: room for a last large request before the 503s start. */
  maxHeapUsedBytes: Math.floor(getHeapStatistics().heap_size_limit * 0.85),
  maxInFlight: 256,
};

export const DEFAULT_WORKERS: WorkerConfig = {
  threads: Math.max(1, Math.min(4, availableParallelism() - 1)),
  jsonBytes: 1024 * 1024,
  binaryPoints: 250_000,
  queue: 16,
  // The largest request the limits allow (a batch of 10,000,000 output values from a 33 MB body)
  // ends with 543 MiB of worker heap, 432 MiB of it live; a 1,000,000-point BBANDS, 233 MiB.
  maxHeapMb: 768,
  recycleHeapMb: 384,
};

export const DEFAULT_RATE_LIMIT: RateLimit = { max: 0, windowMs: 1_000 };

/** Seconds between speed-up self-benchmarks (0: at start only; -1: never). */
export const DEFAULT_SPEEDUP_INTERVAL_SECONDS = 300;

/** Readiness is false for this long after SIGTERM before the listeners close. */
export const DEFAULT_DRAIN_DELAY_MS = 0;
/** After SIGTERM, in-flight requests get this long to finish before connections are cut. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
