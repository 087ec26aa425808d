/** GET /v1/indicators, GET /v1/indicators/:id, POST /v1/indicators/:id (JSON and binary). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getIndicator, hasIndicator, indicators, type IndicatorDefinition } from '@chitti/kernels';
import { binaryPoints, indicatorBinary, indicatorJson, type Query } from '../handlers/indicator.ts';
import { FastIndicatorBody, fastIndicatorJson } from '../json-fast/index.ts';
import { LargeJson, type Offloaded } from '../offload.ts';
import { oneResponse } from '../plugins/large-requests.ts';
import { ProblemError } from '../problem.ts';
import { describeIndicator } from '../schemas.ts';

type IdParams = { id: string };

export function lookupIndicator(id: string): IndicatorDefinition {
  if (!hasIndicator(id)) {
    throw new ProblemError('not-found', `unknown indicator "${id}"; known: ${indicators.map((d) => d.id).join(', ')}`, { pointer: 'id', code: 'UNKNOWN_INDICATOR' });
  }
  return getIndicator(id);
}

export function sendOffloaded(reply: FastifyReply, type: string, out: Offloaded) {
  for (const [name, value] of Object.entries(out.headers)) reply.header(name, value);
  // A worker's bytes, transferred: this response's alone, freed once it is written (plugins/large-requests.ts).
  return reply.type(type).send(typeof out.payload === 'string' ? out.payload : oneResponse(reply, Buffer.from(out.payload.buffer, out.payload.byteOffset, out.payload.byteLength)));
}

export async function indicatorRoutes(app: FastifyInstance): Promise<void> {
  const listing = JSON.stringify({ indicators: indicators.map(describeIndicator) });

  app.get('/v1/indicators', async (_request, reply) => reply.type('application/json; charset=utf-8').send(listing));

  app.get<{ Params: IdParams }>('/v1/indicators/:id', async (request, reply) => {
    const def = lookupIndicator(request.params.id);
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(describeIndicator(def)));
  });

  app.post<{ Params: IdParams }>(
    '/v1/indicators/:id',
    // Unknown indicators are a 404 before the body is read.
    { onRequest: async (request: FastifyRequest<{ Params: IdParams }>) => void lookupIndicator(request.params.id), config: { fastJson: true } },
    async (request, reply) => {
      const def = lookupIndicator(request.params.id);
      const { limits, offload, runner } = app.chitti;
      const query = request.query as Query;
      const ctx = request.telemetry.context;
      const body = request.body;
      if (body instanceof LargeJson) {
        return sendOffloaded(reply, 'application/json; charset=utf-8', await offload.run(ctx, { kind: 'indicator-json', id: def.id, body: body.bytes, query, limits }));
      }
      if (Buffer.isBuffer(body)) {
        if (offload.binary(binaryPoints(def, body.length))) {
          return sendOffloaded(reply, 'application/octet-stream', await offload.run(ctx, { kind: 'indicator-binary', id: def.id, body, query, limits }));
        }
        const out = indicatorBinary(def, body, query, limits, runner.bound(ctx));
        for (const [name, value] of Object.entries(out.headers)) reply.header(name, value);
        return reply.type('application/octet-stream').send(oneResponse(reply, out.body));
      }
      if (body instanceof FastIndicatorBody) return reply.type('application/json; charset=utf-8').send(fastIndicatorJson(def, body, query, limits, runner.bound(ctx)));
      return reply.type('application/json; charset=utf-8').send(indicatorJson(def, body, query, limits, runner.bound(ctx)));
    },
  );
}
