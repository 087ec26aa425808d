import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { renderHtml } from './html.ts';
import { createMetrics } from './metrics.ts';
import { prefersHtml } from './negotiate.ts';
import { normalize, webhookPayloadSchema, type WebhookPayload } from './payload.ts';
import { NotificationStore } from './store.ts';

export interface AlertSinkOptions {
  /** How many notifications GET /alerts keeps (default 100). */
  capacity?: number;
  /** A pino logger instance, or fastify's `logger` option (default: off). */
  loggerInstance?: FastifyServerOptions['loggerInstance'];
  logger?: FastifyServerOptions['logger'];
  now?: () => Date;
}

const PROBLEM = 'application/problem+json';

/** The alert sink: POST /webhook (Alertmanager), GET /alerts, /health, /metrics. */
export function buildApp(opts: AlertSinkOptions = {}): FastifyInstance {
  const store = new NotificationStore(opts.capacity ?? 100);
  const metrics = createMetrics(() => store.size);
  const now = opts.now ?? (() => new Date());
  // No type coercion: a label value sent as a number is a broken sender, not a string.
  const common = { bodyLimit: 4 * 1024 * 1024, ajv: { customOptions: { coerceTypes: false } } };
  const app = opts.loggerInstance
    ? Fastify({ ...common, loggerInstance: opts.loggerInstance })
    : Fastify({ ...common, logger: opts.logger ?? false });

  // Every error leaves as RFC 9457 problem+json; a rejected webhook body is also counted.
  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (req.routeOptions.url === '/webhook' && status < 500) metrics.invalid();
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.warn({ err: { message: err.message } }, 'request rejected');
    return reply
      .code(status)
      .type(PROBLEM)
      .send({
        type: 'about:blank',
        title: status === 400 ? 'Not an Alertmanager webhook payload' : status < 500 ? 'Request rejected' : 'Internal error',
        status,
        detail: status >= 500 ? 'see the alert sink log' : err.message,
      });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).type(PROBLEM).send({ type: 'about:blank', title: 'Not found', status: 404, detail: `${req.method} ${req.url}` }),
  );

  app.post<{ Body: WebhookPayload }>('/webhook', { schema: { body: webhookPayloadSchema } }, async (req, reply) => {
    const payload = normalize(req.body);
    const at = now();
    const stored = store.add(payload, at);
    metrics.record(payload, at);
    req.log.info(
      {
        notification: stored.id,
        receiver: payload.receiver,
        status: payload.status,
        groupKey: payload.groupKey,
        alerts: payload.alerts.map((a) => ({ alertname: a.labels.alertname, severity: a.labels.severity, status: a.status, labels: a.labels })),
      },
      `${payload.status} notification for ${payload.receiver}: ${[...new Set(payload.alerts.map((a) => a.labels.alertname))].join(', ')}`,
    );
    return reply.code(200).send({ ok: true, id: stored.id });
  });

  app.get('/alerts', async (req, reply) => {
    const items = store.recent();
    if (prefersHtml(req.headers.accept)) {
      return reply.type('text/html; charset=utf-8').send(renderHtml(items, store.capacity, store.received));
    }
    return { capacity: store.capacity, received: store.received, notifications: items };
  });

  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/metrics', async (_req, reply) => {
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  return app;
}
