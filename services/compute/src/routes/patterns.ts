/** POST /v1/patterns: the candlestick-pattern scanner (src/handlers/patterns.ts); large bodies in a worker. */
import type { FastifyInstance } from 'fastify';
import { patternsJson } from '../handlers/patterns.ts';
import { LargeJson } from '../offload.ts';
import { ProblemError } from '../problem.ts';
import { sendOffloaded } from './indicators.ts';

export async function patternRoutes(app: FastifyInstance): Promise<void> {
  app.post('/v1/patterns', async (request, reply) => {
    const { limits, offload, runner } = app.chitti;
    const body = request.body;
    if (Buffer.isBuffer(body)) {
      throw new ProblemError('unsupported-media-type', 'POST /v1/patterns takes application/json only', { code: 'JSON_ONLY' });
    }
    if (body instanceof LargeJson) {
      return sendOffloaded(reply, 'application/json; charset=utf-8', await offload.run(request.telemetry.context, { kind: 'patterns', body: body.bytes, limits }));
    }
    return reply.type('application/json; charset=utf-8').send(patternsJson(body, limits, runner.bound(request.telemetry.context)));
  });
}
