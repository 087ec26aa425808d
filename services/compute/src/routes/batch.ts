/** POST /v1/batch: every spec on every series (src/handlers/batch.ts); large bodies in a worker. */
import type { FastifyInstance } from 'fastify';
import { batchJson } from '../handlers/batch.ts';
import { LargeJson } from '../offload.ts';
import { ProblemError } from '../problem.ts';
import { sendOffloaded } from './indicators.ts';

export async function batchRoutes(app: FastifyInstance): Promise<void> {
  app.post('/v1/batch', async (request, reply) => {
    const { limits, offload, runner } = app.chitti;
    const body = request.body;
    if (Buffer.isBuffer(body)) {
      throw new ProblemError('unsupported-media-type', 'POST /v1/batch takes application/json only', { code: 'JSON_ONLY' });
    }
    if (body instanceof LargeJson) {
      return sendOffloaded(reply, 'application/json; charset=utf-8', await offload.run(request.telemetry.context, { kind: 'batch', body: body.bytes, limits }));
    }
    return reply.type('application/json; charset=utf-8').send(batchJson(body, limits, runner.bound(request.telemetry.context)));
  });
}
