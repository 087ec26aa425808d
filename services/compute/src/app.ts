/**
 * The API app: routes, problem+json errors, a span, metrics and one log line per request.
 * `buildApp` is what main.ts, the tests and the benchmarks use; it does not listen (see listeners.ts).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, propagation, trace } from '@opentelemetry/api';
import { pino } from 'pino';
import { indicators, kernelStatus, wasmMemoryBytes } from '@chitti/kernels';
import { authenticate, scopeFor, type Auth } from './auth.ts';
import { DEFAULT_LIMITS, DEFAULT_MAX_HEAP_USED_BYTES, DEFAULT_WORKERS, type Limits, type WorkerConfig } from './config.ts';
import { parseJsonBody } from './json.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { ProblemError, problemBody, toProblem } from './problem.ts';
import { batchRoutes } from './routes/batch.ts';
import { indicatorRoutes } from './routes/indicators.ts';
import { LoopDelay } from './loop-delay.ts';
import { LargeJson, Offload } from './offload.ts';
import { metaRoutes } from './routes/meta.ts';
import { streamRoutes } from './routes/stream.ts';
import { Runner } from './runner.ts';
import { selfCheck, startSpeedupLoop } from './speedup.ts';
import type { ServiceState } from './state.ts';
import './state.ts';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface AppOptions {
  limits?: Partial<Limits>;
  /** Record Prometheus metrics (default true). Benchmarks turn this off to measure its cost. */
  metrics?: boolean;
  /** prom-client's process and runtime metrics (default true; ignored without metrics). */
  defaultMetrics?: boolean;
  /** A pino logger; default: silent. */
  logger?: FastifyBaseLogger;
  /** Seconds between speed-up self-benchmarks (0: at start only; -1: never). Default 300. */
  speedupIntervalSeconds?: number;
  /** Event-loop delay (ms) above which requests get 503; 0 disables. Default 250. */
  maxEventLoopDelayMs?: number;
  /** Used heap (bytes) above which requests get 503; 0 disables. Default 85% of V8's heap limit. */
  maxHeapUsedBytes?: number;
  /** Requests in progress (body being read, computing, waiting for a worker) past which new ones get 503; 0 disables. Default 256. */
  maxInFlight?: number;
  /**
   * API authentication. Default: disabled, since buildApp is the programmatic entry (tests,
   * benchmarks); the process entry (main.ts) requires tokens unless API_AUTH=disabled.
   */
  auth?: Auth;
  /** Per-client rate limit (requests per window); absent or max 0: none. */
  rateLimit?: { max: number; windowMs: number };
  /** Worker pool for large requests; threads 0 computes everything on the main thread. */
  workers?: Partial<WorkerConfig>;
  /** Honour `x-chitti-fault: error` (answer 500). Default false. */
  faultInjection?: boolean;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
const REQUEST_ID = /^[\w.:-]{1,128}$/;
const tracer = trace.getTracer('chitti-compute');

/** Honour a sane incoming X-Request-Id, otherwise make one. */
function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const status = kernelStatus();
  const metrics: Metrics | undefined =
    options.metrics === false
      ? undefined
      : createMetrics({
          version: VERSION,
          kernel: status.kernel,
          simd: status.simd,
          indicators: indicators.map((d) => d.id),
          defaultMetrics: options.defaultMetrics ?? true,
          wasmMemory: () => ({ main: wasmMemoryBytes(), workers: state.offload.wasmMemoryBytes }),
          workerQueue: () => state.offload.queued,
          workerHeap: () => state.offload.workerHeapBytes,
        });

  const app = Fastify({
    loggerInstance: options.logger ?? pino({ level: 'silent' }),
    // One log line per request, written in onResponse with the trace id (fastify's own two are off).
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    genReqId: requestId,
    bodyLimit: limits.bodyBytes,
    // Shutdown answers keep-alive requests with our own 503 problem (onRequest below).
    return503OnClosing: false,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false } },
    // Errors raised before routing (a URL that is not valid percent-encoding): a problem like the rest.
    frameworkErrors: (error, request, reply) => {
      const problem = new ProblemError('malformed-request', 'the URL is not valid (bad percent-encoding)', { code: (error as { code?: string }).code ?? 'BAD_URL' });
      metrics?.errors.inc({ type: problem.type.label });
      (reply as FastifyReply).code(400).header('x-request-id', request.id).type('application/problem+json; charset=utf-8').send(JSON.stringify(problemBody(problem, request.id)));
    },
  });

  const runner = new Runner(metrics);
  const state: ServiceState = {
    version: VERSION,
    limits,
    metrics,
    runner,
    offload: new Offload({ ...DEFAULT_WORKERS, ...options.workers }, runner),
    auth: options.auth ?? { mode: 'disabled' },
    faultInjection: options.faultInjection ?? false,
    selfCheck: undefined,
    draining: false,
    closing: false,
  };
  app.decorate('chitti', state);
  app.decorateRequest('telemetry', null as never);
  app.decorateRequest('client', undefined);

  // JSON and binary only: anything else (text/plain included) is a 415. JSON is parsed strictly
  // (src/json.ts); bodies over WORKER_JSON_BYTES are left unparsed for a worker.
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: limits.bodyBytes }, (_req, body, done) => {
    const bytes = body as Buffer;
    if (state.offload.json(bytes.length)) return done(null, new LargeJson(bytes));
    try {
      done(null, parseJsonBody(bytes));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: limits.bodyBytes }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tracer.startSpan(
      `${request.method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'http.route': route, 'url.path': request.url.split('?')[0], 'chitti.request_id': request.id } },
      parent,
    );
    request.telemetry = { span, context: trace.setSpan(parent, span), start: performance.now() };
    const sc = span.spanContext();
    if (trace.isSpanContextValid(sc)) request.log = request.log.child({ trace_id: sc.traceId, span_id: sc.spanId });
    reply.header('x-request-id', request.id);
    if (state.closing) {
      reply.header('Connection', 'close').header('Retry-After', '1');
      throw new ProblemError('overloaded', 'the service is shutting down; retry on another instance', { code: 'SHUTTING_DOWN' });
    }
    const auth = state.auth; // replaced on SIGHUP when the token file is reloaded
    if (auth.mode === 'required') {
      const header = request.headers.authorization;
      const result = authenticate(header, auth.credentials);
      if (!result.ok) {
        const challenge = result.reason === 'missing' ? 'Bearer realm="chitti-compute"' : 'Bearer realm="chitti-compute", error="invalid_token"';
        const detail = { missing: 'this API requires a bearer token: Authorization: Bearer <token>', malformed: 'the Authorization header must be "Bearer <token>"', invalid: 'the bearer token is not valid' }[result.reason];
        throw new ProblemError('unauthorized', detail, { code: `TOKEN_${result.reason.toUpperCase()}` }, { 'WWW-Authenticate': challenge });
      }
      request.client = result.client;
      request.log = request.log.child({ client: result.client });
      const scope = scopeFor(request.method, request.routeOptions.url);
      if (scope !== undefined && !result.scopes.has(scope)) {
        throw new ProblemError('forbidden', `the token of client "${result.client}" does not have the "${scope}" scope this route needs`, { code: 'SCOPE_MISSING' });
      }
    }
    if (state.faultInjection && request.headers['x-chitti-fault'] === 'error') {
      throw new ProblemError('internal', 'internal error (injected: x-chitti-fault with CHITTI_FAULT_INJECTION=1)', { code: 'INJECTED_FAULT' });
    }
  });

  // While draining, responses close their connection so keep-alive clients move elsewhere.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (state.draining) reply.header('Connection', 'close');
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const t = request.telemetry;
    if (!t) return;
    const seconds = (performance.now() - t.start) / 1000;
    const route = request.routeOptions.url ?? 'unmatched';
    const statusCode = reply.statusCode;
    t.span.setAttribute('http.response.status_code', statusCode);
    if (statusCode >= 500) t.span.setStatus({ code: SpanStatusCode.ERROR });
    t.span.end();
    if (metrics) {
      const labels = { route, method: METHODS.has(request.method) ? request.method : 'OTHER', status_code: String(statusCode) };
      metrics.requests.inc(labels);
      const sc = t.span.spanContext();
      const sampled = (sc.traceFlags & 1) === 1 && trace.isSpanContextValid(sc);
      // prom-client types exemplar labels as the metric's own label names; any names are valid.
      const exemplarLabels = (sampled ? { trace_id: sc.traceId } : {}) as Record<string, string>;
      metrics.requestDuration.observe({ labels, value: seconds, exemplarLabels });
    }
    request.log.info(
      // Not `req`/`res`: fastify's serializers for those keys would drop the route and headers.
      { request: { method: request.method, url: request.url, route, headers: request.headers, remoteAddress: request.ip }, response: { statusCode }, responseTime: seconds * 1000 },
      'request completed',
    );
  });

  // An upgrade request answered over HTTP (401, 503, 404...) owns a socket the HTTP server no longer
  // tracks (@fastify/websocket took it over): end it, or it stays open until the client leaves.
  const upgrading = (request: FastifyRequest) => String(request.headers.upgrade).toLowerCase() === 'websocket';
  app.addHook('onSend', async (request, reply, payload) => {
    if (upgrading(request)) reply.header('Connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async (request) => {
    if (upgrading(request)) request.raw.socket.end();
  });

  const sendProblem = (problem: ProblemError, request: FastifyRequest, reply: FastifyReply) => {
    metrics?.errors.inc({ type: problem.type.label });
    request.telemetry?.span.setAttribute('chitti.problem', problem.type.slug);
    for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
    return reply.code(problem.type.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(problemBody(problem, request.id)));
  };

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error);
    if (problem.extensions.code === 'INJECTED_FAULT') {
      request.log.warn('injected fault (x-chitti-fault: error)');
    } else if (problem.type.slug === 'internal') {
      request.log.error({ err: error }, 'unhandled error');
      request.telemetry?.span.recordException(error as Error);
    } else if (problem.extensions.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendProblem(new ProblemError('payload-too-large', `the request body exceeds ${limits.bodyBytes} bytes (MAX_BODY_BYTES)`, { code: 'BODY_TOO_LARGE' }), request, reply);
    }
    return sendProblem(problem, request, reply);
  });

  app.setNotFoundHandler((request, reply) => {
    sendProblem(new ProblemError('not-found', `no route ${request.method} ${request.url.split('?')[0]}; see GET /openapi.json`, { code: 'NO_ROUTE' }), request, reply);
  });

  state.selfCheck = selfCheck();
  // Requests in progress: each one holds buffers and CPU ahead of the next, so past a bound new ones
  // are refused at once rather than queued (queueing in socket buffers is invisible to loop delay).
  const maxInFlight = options.maxInFlight ?? 256;
  let inFlight = 0;
  app.addHook('onRequest', async (request, reply) => {
    inFlight++;
    reply.raw.once('close', () => inFlight--);
    if (maxInFlight > 0 && inFlight > maxInFlight) {
      throw new ProblemError('overloaded', `${maxInFlight} requests are already in progress (MAX_IN_FLIGHT); retry later`, { code: 'IN_FLIGHT' }, { 'Retry-After': '1' });
    }
  });
  // Event-loop delay: our own measurement (src/loop-delay.ts); heap: @fastify/under-pressure.
  const maxEventLoopDelay = options.maxEventLoopDelayMs ?? 250;
  const maxHeapUsedBytes = options.maxHeapUsedBytes ?? DEFAULT_MAX_HEAP_USED_BYTES;
  if (maxEventLoopDelay > 0) {
    const delay = new LoopDelay();
    app.addHook('onClose', async () => delay.stop());
    app.addHook('onRequest', async () => {
      if (delay.current > maxEventLoopDelay) {
        throw new ProblemError('overloaded', `the event loop is ${Math.round(delay.current)} ms behind (MAX_EVENT_LOOP_DELAY_MS ${maxEventLoopDelay}); retry later`, { code: 'EVENT_LOOP_DELAY' }, { 'Retry-After': '5' });
      }
    });
  }
  if (maxHeapUsedBytes > 0) {
    await app.register(underPressure, {
      maxHeapUsedBytes,
      sampleInterval: 250,
      exposeStatusRoute: false,
      pressureHandler: (_request, _reply, _type, value) =>
        Promise.reject(new ProblemError('overloaded', `the heap holds ${Math.round(Number(value) / 2 ** 20)} MiB (MAX_HEAP_USED_BYTES ${Math.round(maxHeapUsedBytes / 2 ** 20)} MiB); retry later`, { code: 'HEAP_USED' }, { 'Retry-After': '5' })),
    });
  }
  if (options.rateLimit && options.rateLimit.max > 0) {
    const { max, windowMs } = options.rateLimit;
    await app.register(rateLimit, {
      global: true,
      max,
      timeWindow: windowMs,
      // Authenticated clients by token name (several clients may share an address); else by address.
      keyGenerator: (request) => request.client ?? request.ip,
      errorResponseBuilder: (_request, ctx) =>
        new ProblemError('rate-limited', `more than ${ctx.max} requests in ${windowMs} ms from this client (RATE_LIMIT_MAX, RATE_LIMIT_WINDOW_MS); retry in ${ctx.after}`, { code: 'RATE_LIMITED' }),
    });
  }
  await app.register(indicatorRoutes);
  await app.register(batchRoutes);
  await app.register(metaRoutes);
  await app.register(streamRoutes);

  let stopSpeedup = () => {};
  app.addHook('onReady', async () => {
    if (!state.selfCheck!.ok) app.log.error({ failures: state.selfCheck!.failures }, 'kernel self-check failed; /ready stays false');
    const interval = options.speedupIntervalSeconds ?? 300;
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
