/**
 * Problem handling: every error answer is RFC 9457 application/problem+json (src/problem.ts has the
 * types and the mapping), counted in chitti_compute_errors_total and tagged on the request's span.
 * This covers errors thrown in hooks and handlers, unknown routes, errors fastify raises before
 * routing (frameworkErrors, a constructor option) and answers written on a raw socket outside any
 * request (Node's parser errors and timeouts, an unsupported Expect header: src/plugins/limits.ts).
 */
import { STATUS_CODES } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Metrics } from '../metrics.ts';
import { ProblemError, problemBody, toProblem } from '../problem.ts';

export const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

export function sendProblem(metrics: Metrics | undefined, problem: ProblemError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  metrics?.errors.inc({ type: problem.type.label });
  request.telemetry?.span.setAttribute('chitti.problem', problem.type.slug);
  for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
  return reply.code(problem.type.status).type(PROBLEM_JSON).send(JSON.stringify(problemBody(problem, request.id)));
}

/** fastify's `frameworkErrors` option: a URL that is not valid percent-encoding, a problem like the rest. */
export function frameworkErrors(metrics: Metrics | undefined): NonNullable<FastifyServerOptions['frameworkErrors']> {
  return (_error, request, reply) => {
    const problem = new ProblemError('malformed-request', 'the URL is not valid (bad percent-encoding)', { code: 'BAD_URL' });
    sendProblem(metrics, problem, request as FastifyRequest, reply as FastifyReply);
  };
}

/**
 * A complete HTTP/1.1 response carrying a problem, for a socket with no request object to answer
 * through (Node's parser errors, its request timeout). The connection is closed after it.
 */
export function rawProblemResponse(problem: ProblemError): string {
  const body = JSON.stringify(problemBody(problem));
  const status = problem.type.status;
  const extra = Object.entries(problem.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: ${PROBLEM_JSON}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}Connection: close\r\n\r\n${body}`;
}

async function problems(app: FastifyInstance): Promise<void> {
  const { limits, metrics } = app.chitti;

  app.setErrorHandler((error, request, reply) => {
    let problem = toProblem(error);
    if (problem.extensions.code === 'INJECTED_FAULT') {
      request.log.warn('injected fault (x-chitti-fault: error)');
    } else if (problem.type.slug === 'internal') {
      request.log.error({ err: error }, 'unhandled error');
      request.telemetry?.span.recordException(error as Error);
    } else if (problem.extensions.code === 'BODY_TOO_LARGE') {
      problem = new ProblemError('payload-too-large', `the request body exceeds ${limits.bodyBytes} bytes (MAX_BODY_BYTES)`, { code: 'BODY_TOO_LARGE' });
    } else if (problem.type.slug === 'unsupported-media-type' && !(error instanceof ProblemError)) {
      const given = request.headers['content-type'];
      const what = given === undefined ? 'a request without Content-Type' : `Content-Type "${given.slice(0, 100)}"`;
      problem = new ProblemError('unsupported-media-type', `${what} is not accepted; send application/json (or application/octet-stream to POST /v1/indicators/{id})`, { code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    return sendProblem(metrics, problem, request, reply);
  });

  app.setNotFoundHandler((request, reply) => {
    sendProblem(metrics, new ProblemError('not-found', `no route ${request.method} ${request.url.split('?')[0]}; see GET /openapi.json`, { code: 'NO_ROUTE' }), request, reply);
  });
}

export const problemsPlugin = fp(problems, { name: 'chitti-problems' });
