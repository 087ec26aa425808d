import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { loadDashboards, renderDashboard, renderDashboardIndex } from './dashboards.ts';
import { renderHtml } from './html.ts';
import { createMetrics } from './sink-metrics.ts';
import { prefersHtml } from './negotiate.ts';
import { normalize, webhookPayloadSchema, type WebhookPayload } from './payload.ts';
import { renderRunbooks } from './runbooks.ts';
import { NotificationStore } from './store.ts';

/** The bundle's files in the repository (`npm start -w @chitti/alert-sink`); the image has them mounted. */
const bundled = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
export const DEFAULT_RUNBOOKS_FILE = bundled('alerts/runbooks.md');
export const DEFAULT_DASHBOARDS_DIR = bundled('grafana/dashboards');

export interface AlertSinkOptions {
  /** How many notifications GET /alerts keeps (default 100). */
  capacity?: number;
  /** A pino logger instance, or fastify's `logger` option (default: off). */
  loggerInstance?: FastifyServerOptions['loggerInstance'];
  logger?: FastifyServerOptions['logger'];
  now?: () => Date;
  /** The runbooks served at /runbooks (default: alerts/runbooks.md of the bundle). */
  runbooksFile?: string;
  /** The dashboards served at /dashboards (default: grafana/dashboards/ of the bundle). */
  dashboardsDir?: string;
  /** Prometheus as a browser reaches it, for the dashboards' links (default http://127.0.0.1:9090). */
  prometheusUrl?: string;
}

const PROBLEM = 'application/problem+json';

/** The alert sink: POST /webhook (Alertmanager), GET /alerts, /runbooks, /dashboards, /health, /metrics. */
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
    if (status >= 500 && status !== 503) req.log.error({ err }, 'request failed');
    else req.log.warn({ err: { message: err.message } }, 'request rejected');
    return reply
      .code(status)
      .type(PROBLEM)
      .send({
        type: 'about:blank',
        title: status === 400 ? 'Not an Alertmanager webhook payload' : status < 500 ? 'Request rejected' : status === 503 ? 'Not available' : 'Internal error',
        status,
        // A 503 says what is missing (a file of the bundle); other 5xx details stay in the log.
        detail: status >= 500 && status !== 503 ? 'see the alert sink log' : err.message,
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

  // Read on every request: small files, and a mounted file's edits show without a restart.
  const html = 'text/html; charset=utf-8';
  const notBundled = (what: string, err: unknown) => {
    const error = new Error(`${what} are not available: ${(err as Error).message}`) as Error & { statusCode: number };
    error.statusCode = 503;
    return error;
  };
  app.get('/runbooks', async (_req, reply) => {
    let markdown: string;
    try {
      markdown = readFileSync(opts.runbooksFile ?? DEFAULT_RUNBOOKS_FILE, 'utf8');
    } catch (err) {
      throw notBundled('the runbooks (RUNBOOKS_FILE)', err);
    }
    return reply.type(html).send(renderRunbooks(markdown));
  });

  const dashboards = () => {
    try {
      return loadDashboards(opts.dashboardsDir ?? DEFAULT_DASHBOARDS_DIR);
    } catch (err) {
      throw notBundled('the dashboards (DASHBOARDS_DIR)', err);
    }
  };
  app.get('/dashboards', async (_req, reply) => reply.type(html).send(renderDashboardIndex(dashboards())));
  app.get<{ Params: { uid: string } }>('/dashboards/:uid', async (req, reply) => {
    const dashboard = dashboards().find((d) => d.uid === req.params.uid);
    if (!dashboard) return reply.code(404).type(PROBLEM).send({ type: 'about:blank', title: 'Not found', status: 404, detail: `no dashboard ${req.params.uid}` });
    return reply.type(html).send(renderDashboard(dashboard, opts.prometheusUrl ?? 'http://127.0.0.1:9090'));
  });

  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/metrics', async (_req, reply) => {
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  return app;
}
