/**
 * Limits and timeouts of HTTP connections and clients:
 * - timeouts on both listeners' servers: request headers within HEADERS_TIMEOUT_MS, the whole
 *   request (body included) within REQUEST_TIMEOUT_MS (both enforced by Node, checked every second
 *   at most), a request on which no byte moves for IDLE_TIMEOUT_MS (a body that stalls, a response
 *   nobody reads: src/connections.ts), an idle keep-alive connection closed after
 *   KEEP_ALIVE_TIMEOUT_MS; each cut counted by reason;
 * - Node's own answers (a request it cannot parse, headers over its limit, a timeout, an Expect
 *   header it does not know) as problem+json, instead of its bare 400/408/417/431;
 * - the per-client rate limit (RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS, 429).
 * Body size limits are the content-type parsers' (src/plugins/content-types.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { Connections, CutReason } from '../connections.ts';
import type { Metrics } from '../metrics.ts';
import { ProblemError, problemBody } from '../problem.ts';
import type { RateLimit, Timeouts } from '../settings.ts';
import { PROBLEM_JSON, rawProblemResponse } from './problems.ts';

/** How often Node checks for expired headers and request timeouts (its default, 30 s, would let them overrun by that much). */
function checkingInterval(timeouts: Timeouts): number {
  return Math.max(50, Math.min(1000, Math.floor(Math.min(timeouts.headersMs, timeouts.requestMs) / 4)));
}

/** The problem for an error Node reports on a connection (its 'clientError' event), and the counted reason for cutting it. */
function clientProblem(err: NodeJS.ErrnoException, timeouts: Timeouts): { problem: ProblemError; reason: CutReason } {
  switch (err.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        problem: new ProblemError('request-timeout', `the request's headers did not arrive within ${timeouts.headersMs} ms (HEADERS_TIMEOUT_MS), or the whole request within ${timeouts.requestMs} ms (REQUEST_TIMEOUT_MS)`, { code: 'REQUEST_TIMEOUT' }),
        reason: 'request_timeout',
      };
    case 'HPE_HEADER_OVERFLOW':
      return { problem: new ProblemError('headers-too-large', 'the request headers exceed 16 KiB', { code: 'HEADERS_TOO_LARGE' }), reason: 'headers_too_large' };
    default:
      return { problem: new ProblemError('malformed-request', 'the request is not valid HTTP/1.1', { code: 'BAD_HTTP' }), reason: 'bad_request' };
  }
}

/**
 * Node's 'clientError' handler (fastify's `clientErrorHandler` option for the TCP server, a listener
 * on the Unix one): answer with a problem when nothing has been written yet, then cut the connection.
 */
export function clientErrorHandler(connections: Connections, metrics: Metrics | undefined, timeouts: Timeouts): (err: NodeJS.ErrnoException, socket: Socket) => void {
  return (err, socket) => {
    // The client reset the connection itself: nothing to answer, nothing we cut.
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const { problem, reason } = clientProblem(err, timeouts);
    const pending = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    const answer = socket.writable && !pending?.headersSent && !connections.answered(socket);
    if (answer) metrics?.errors.inc({ type: problem.type.label });
    connections.cut(socket, reason, answer ? rawProblemResponse(problem) : undefined);
  };
}

/** Timeouts fastify applies to the server it creates (the Unix socket's server gets the same in guardServer). */
export function serverOptions(timeouts: Timeouts, onClientError: (err: NodeJS.ErrnoException, socket: Socket) => void) {
  return {
    http: { headersTimeout: timeouts.headersMs, requestTimeout: timeouts.requestMs, connectionsCheckingInterval: checkingInterval(timeouts) },
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    clientErrorHandler: onClientError,
  };
}

/** Per-server part: the Expect header (Node would answer a bare 417 for anything but 100-continue). */
export function guardServer(server: Server, metrics: Metrics | undefined): void {
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    const problem = new ProblemError('expectation-failed', `the Expect header "${String(req.headers.expect).slice(0, 100)}" is not supported; only 100-continue is`, { code: 'EXPECTATION_FAILED' });
    metrics?.errors.inc({ type: problem.type.label });
    const body = JSON.stringify(problemBody(problem));
    res.writeHead(417, { 'content-type': PROBLEM_JSON, 'content-length': Buffer.byteLength(body), connection: 'close' }).end(body);
  });
}

/** A server with the same timeouts as fastify's, for the Unix socket (`handler`: the app's router). */
export function createGuardedServer(handler: (req: IncomingMessage, res: ServerResponse) => void, timeouts: Timeouts, onClientError: (err: NodeJS.ErrnoException, socket: Socket) => void): Server {
  const server = createServer({ headersTimeout: timeouts.headersMs, requestTimeout: timeouts.requestMs, connectionsCheckingInterval: checkingInterval(timeouts) }, handler);
  server.keepAliveTimeout = timeouts.keepAliveMs;
  server.on('clientError', onClientError);
  return server;
}

/** How often the idle timeout is checked. */
const idleCheckInterval = (idleMs: number) => Math.max(25, Math.min(1000, Math.floor(idleMs / 4)));

async function limits(app: FastifyInstance, options: { rateLimit: RateLimit }): Promise<void> {
  const { connections, timeouts, metrics } = app.chitti;
  const bodyIdle = new ProblemError('request-timeout', `no byte of the request body arrived for ${timeouts.idleMs} ms (IDLE_TIMEOUT_MS)`, { code: 'BODY_IDLE' });
  const stopIdleWatch = connections.watchIdle(timeouts.idleMs, idleCheckInterval(timeouts.idleMs), () => {
    metrics?.errors.inc({ type: bodyIdle.type.label });
    return rawProblemResponse(bodyIdle);
  });
  app.addHook('onClose', async () => stopIdleWatch());
  const { max, windowMs } = options.rateLimit;
  if (max <= 0) return;
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

export const limitsPlugin = fp(limits, { name: 'chitti-limits', dependencies: ['chitti-auth'] });
