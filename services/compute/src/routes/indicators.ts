/** GET /v1/indicators, GET /v1/indicators/:id, POST /v1/indicators/:id (JSON and binary). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { getIndicator, hasIndicator, indicators, resolveParams, type IndicatorDefinition, type InputsArg, type Params } from '@chitti/kernels';
import { decodeBinaryInputs, encodeBinaryOutputs, outputsToJson, paramsFromQuery } from '../codec.ts';
import { ProblemError } from '../problem.ts';
import { IndicatorRequest, describeIndicator } from '../schemas.ts';

type IdParams = { id: string };

export function lookupIndicator(id: string): IndicatorDefinition {
  if (!hasIndicator(id)) {
    throw new ProblemError('not-found', `unknown indicator "${id}"; known: ${indicators.map((d) => d.id).join(', ')}`, { pointer: 'id', code: 'UNKNOWN_INDICATOR' });
  }
  return getIndicator(id);
}

/** URL-encoded `name=value&…` of resolved parameters (the Chitti-Params response header). */
export function paramsHeader(params: Params): string {
  return new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString();
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
    {
      schema: { body: { content: { 'application/json': { schema: IndicatorRequest } } } },
      // Unknown indicators are a 404 before the body is read or validated.
      onRequest: async (request: FastifyRequest<{ Params: IdParams }>) => void lookupIndicator(request.params.id),
    },
    async (request, reply) => {
      const def = lookupIndicator(request.params.id);
      if (Buffer.isBuffer(request.body)) return binary(app, def, request, reply);
      return json(app, def, request, reply);
    },
  );
}

function checkOutputSize(app: FastifyInstance, def: IndicatorDefinition, n: number): void {
  const values = n * def.outputs.length;
  if (values > app.chitti.limits.outputValues) {
    throw new ProblemError('payload-too-large', `the response would hold ${values} values (${n} points times ${def.outputs.length} outputs); the limit is ${app.chitti.limits.outputValues} (MAX_OUTPUT_VALUES)`, { code: 'TOO_MANY_OUTPUT_VALUES' });
  }
}

function json(app: FastifyInstance, def: IndicatorDefinition, request: FastifyRequest, reply: FastifyReply) {
  if (request.body === undefined || request.body === null || typeof request.body !== 'object') {
    throw new ProblemError('malformed-request', 'a JSON body {"inputs": {...}, "params": {...}} (or a binary body) is required', { code: 'BODY_REQUIRED' });
  }
  if (Object.keys(request.query as object).length > 0) {
    throw new ProblemError('malformed-request', 'JSON requests carry their parameters in the body ("params"); the query string is read only for binary requests', { pointer: 'query', code: 'QUERY_WITH_JSON' });
  }
  const body = request.body as Static<typeof IndicatorRequest>;
  let n = 0;
  for (const [name, series] of Object.entries(body.inputs)) {
    if (series.length > app.chitti.limits.pointsPerSeries) {
      throw new ProblemError('payload-too-large', `inputs.${name} has ${series.length} values; the limit is ${app.chitti.limits.pointsPerSeries} per series (MAX_POINTS_PER_SERIES)`, { pointer: `inputs.${name}`, code: 'TOO_MANY_POINTS' });
    }
    n = series.length;
  }
  checkOutputSize(app, def, n);
  const params = resolveParams(def, body.params ?? {});
  const result = app.chitti.runner.single(request.telemetry.context, def.id, body.inputs as InputsArg, params, n);
  return reply
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ id: def.id, params: result.params, lookback: result.lookback, outputs: outputsToJson(def, result.outputs) }));
}

function binary(app: FastifyInstance, def: IndicatorDefinition, request: FastifyRequest, reply: FastifyReply) {
  const params = resolveParams(def, paramsFromQuery(request.query as Record<string, string>));
  const inputs = decodeBinaryInputs(def, request.body as Buffer, app.chitti.limits.pointsPerSeries);
  const n = inputs[def.inputs[0]!]!.length;
  checkOutputSize(app, def, n);
  const result = app.chitti.runner.single(request.telemetry.context, def.id, inputs, params, n);
  return reply
    .type('application/octet-stream')
    .header('Chitti-Indicator', def.id)
    .header('Chitti-Lookback', String(result.lookback))
    .header('Chitti-Params', paramsHeader(result.params))
    .header('Chitti-Outputs', def.outputs.map((o) => o.name).join(','))
    .header('Chitti-Points', String(n))
    .header('Chitti-Kernel', result.kernel)
    .send(encodeBinaryOutputs(def, result.outputs));
}
