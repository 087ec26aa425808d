/**
 * Telemetry of every request: a SERVER span (W3C trace context honoured), the request id echoed in
 * X-Request-Id, the request metrics with trace-id exemplars, and one log line when it completes.
 * Registered first, so every later hook and handler sees `request.telemetry` and the child logger.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, propagation, trace } from '@opentelemetry/api';
import { requestSize } from '../metrics.ts';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
const REQUEST_ID = /^[\w.:-]{1,128}$/;
const tracer = trace.getTracer('chitti-compute');

/** Honour a sane incoming X-Request-Id, otherwise make one (fastify's genReqId). */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

async function telemetry(app: FastifyInstance): Promise<void> {
  const { metrics } = app.chitti;
  app.decorateRequest('telemetry', null as never);

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
      metrics.requestDuration.observe({ labels: { ...labels, size: requestSize(request.headers['content-length']) }, value: seconds, exemplarLabels });
      metrics.otel?.recordRequest({ method: request.method, route: request.routeOptions.url, protocol: request.protocol, httpVersion: request.raw.httpVersion, socket: request.raw.socket }, statusCode, seconds);
    }
    request.log.info(
      // Not `req`/`res`: fastify's serializers for those keys would drop the route and headers.
      { request: { method: request.method, url: request.url, route, headers: request.headers, remoteAddress: request.ip }, response: { statusCode }, responseTime: seconds * 1000 },
      'request completed',
    );
  });
}

export const telemetryPlugin = fp(telemetry, { name: 'chitti-telemetry' });
