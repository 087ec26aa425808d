/**
 * The cluster primary's admin server on METRICS_PORT: /metrics for the whole process group,
 * /health (the primary is alive) and /ready (every worker is up, answers and is ready).
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Resource } from '@opentelemetry/resources';
import { OPENMETRICS_TEXT, PROMETHEUS_TEXT, wantsOpenMetrics } from '../metrics.ts';
import { exposition, type Snapshot } from './aggregate.ts';
import type { Readiness } from './ipc.ts';

export interface ProcessGroup {
  /** Every process's metrics; rejects when a live worker does not answer. */
  snapshots(): Promise<Snapshot[]>;
  readiness(): Promise<Readiness>;
  /** The group's OpenTelemetry resource (`target_info`); absent: no OpenTelemetry families. */
  otelResource?: Resource;
}

export function buildClusterAdmin(group: ProcessGroup, logger: FastifyBaseLogger): FastifyInstance {
  const admin = Fastify({ loggerInstance: logger, logController: new LogController({ disableRequestLogging: true }) });

  admin.get('/metrics', async (request, reply) => {
    const openMetrics = wantsOpenMetrics(request.headers.accept);
    let snapshots: Snapshot[];
    try {
      snapshots = await group.snapshots();
    } catch (err) {
      // A partial sum would look like counter resets to Prometheus: fail the scrape instead.
      request.log.warn({ err }, 'metrics scrape failed: a worker did not answer');
      return reply.code(503).type('text/plain; charset=utf-8').send(`metrics unavailable: ${(err as Error).message}\n`);
    }
    return reply.type(openMetrics ? OPENMETRICS_TEXT : PROMETHEUS_TEXT).send(await exposition(snapshots, openMetrics, group.otelResource));
  });

  admin.get('/health', async (_request, reply) => reply.type('application/json; charset=utf-8').send('{"status":"ok"}'));

  admin.get('/ready', async (_request, reply) => {
    const { ready, reason } = await group.readiness();
    return reply.code(ready ? 200 : 503).type('application/json; charset=utf-8').send(JSON.stringify({ status: ready ? 'ready' : 'not ready', reason }));
  });
  return admin;
}
