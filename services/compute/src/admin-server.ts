/**
 * The admin server on METRICS_PORT: /metrics (Prometheus text or OpenMetrics by Accept), /health
 * (liveness) and /ready (readiness). Separate from the API so scrapes and probes never queue behind
 * computations' connections and can stay up while the API drains.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { readiness } from './app.ts';
import { MetricsEndpoint, wantsOpenMetrics } from './metrics.ts';

export async function buildAdmin(api: FastifyInstance, logger?: FastifyBaseLogger): Promise<FastifyInstance> {
  const admin = Fastify({ loggerInstance: logger ?? pino({ level: 'silent' }), logController: new LogController({ disableRequestLogging: true }) });
  const metrics = api.chitti.metrics;
  const endpoint = metrics ? new MetricsEndpoint(metrics.registry, metrics.otel) : undefined;

  admin.get('/metrics', async (request, reply) => {
    if (!endpoint) return reply.code(404).type('text/plain; charset=utf-8').send('metrics are disabled\n');
    const { contentType, body } = await endpoint.scrape(wantsOpenMetrics(request.headers.accept));
    return reply.type(contentType).send(body);
  });

  admin.get('/health', async (_request, reply) => reply.type('application/json; charset=utf-8').send('{"status":"ok"}'));

  admin.get('/ready', async (_request, reply) => {
    const { ready, reason } = readiness(api);
    return reply.code(ready ? 200 : 503).type('application/json; charset=utf-8').send(JSON.stringify({ status: ready ? 'ready' : 'not ready', reason }));
  });
  return admin;
}
