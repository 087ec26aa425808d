/** The OpenAPI 3.1 document, generated from the registry and the TypeBox schemas. */
import { indicators, type IndicatorDefinition } from '@chitti/kernels';
import type { TSchema } from '@sinclair/typebox';
import type { Limits } from './settings.ts';
import { PatternsRequest, PatternsResponse } from './handlers/patterns.ts';
import { problemTypes } from './problem.ts';
import { BatchRequest, BatchResponse, IndicatorListing, Problem, describeIndicator, requestSchemaFor, responseSchemaFor } from './schemas.ts';

/** TypeBox schemas carry symbol-keyed metadata; a JSON round trip leaves plain JSON Schema. */
const plain = (s: TSchema | object): object => JSON.parse(JSON.stringify(s)) as object;

const problemRef = { $ref: '#/components/schemas/Problem' };

function problemResponses(statuses: number[]): Record<string, object> {
  const out: Record<string, object> = {};
  for (const status of statuses) {
    const types = [...problemTypes.values()].filter((t) => t.status === status);
    out[String(status)] = {
      description: types.map((t) => `\`${`/problems/${t.slug}`}\`: ${t.description}`).join(' '),
      content: { 'application/problem+json': { schema: problemRef } },
    };
  }
  return out;
}

function binaryDescription(def: IndicatorDefinition): string {
  return (
    `Binary: the body is ${def.inputs.map((i) => `\`${i}\``).join(', ')} in this order, each as n little-endian float64 values ` +
    `(8 × ${def.inputs.length} × n bytes). The response is ${def.outputs.map((o) => `\`${o.name}\``).join(', ')} in this order, ` +
    `n little-endian float64 each, NaN in the lookback region (${def.lookbackFormula}). Parameters go in the query string.`
  );
}

function indicatorPath(def: IndicatorDefinition): object {
  const name = def.id.charAt(0).toUpperCase() + def.id.slice(1);
  const headers = {
    'Chitti-Lookback': { description: 'Leading NaN positions of each output.', schema: { type: 'integer' } },
    'Chitti-Params': { description: 'Resolved parameters, URL-encoded (name=value&…).', schema: { type: 'string' } },
    'Chitti-Outputs': { description: 'Output names in body order, comma-separated.', schema: { type: 'string' } },
    'Chitti-Points': { description: 'Values per output (n).', schema: { type: 'integer' } },
    'Chitti-Kernel': { description: 'Kernel used: wasm-simd or typescript.', schema: { type: 'string' } },
    'Chitti-Indicator': { description: 'The indicator id.', schema: { type: 'string' } },
  };
  return {
    post: {
      operationId: `compute${name}`,
      summary: `${def.name} (${def.group})`,
      description: `${def.description}\n\nLookback: ${def.lookbackFormula}.\n\n${def.notes.join(' ')}\n\n${binaryDescription(def)}`,
      tags: ['indicators'],
      parameters: def.params.map((p) => ({
        name: p.name,
        in: 'query',
        required: false,
        description: `Binary requests only: ${p.description}`,
        schema: { type: p.type === 'integer' ? 'integer' : 'number', minimum: p.min, maximum: p.max, ...(p.default === undefined ? {} : { default: p.default }) },
      })),
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: { $ref: `#/components/schemas/${name}Request` } },
          'application/octet-stream': { schema: { type: 'string', format: 'binary', description: binaryDescription(def) } },
        },
      },
      responses: {
        200: {
          description: 'The outputs, aligned with the input.',
          headers,
          content: {
            'application/json': { schema: { $ref: `#/components/schemas/${name}Response` } },
            'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
          },
        },
        ...problemResponses([400, 401, 403, 413, 415, 422, 429, 503]),
      },
    },
  };
}

export function openApiDocument(version: string, limits: Limits): object {
  const schemas: Record<string, object> = { Problem: plain({ ...Problem, $id: undefined }) };
  const paths: Record<string, object> = {
    '/v1/indicators': {
      get: {
        operationId: 'listIndicators',
        summary: 'The indicator registry',
        tags: ['indicators'],
        responses: { 200: { description: 'Every indicator with its inputs, parameters, outputs and lookback formula.', content: { 'application/json': { schema: plain(IndicatorListing) } } } },
      },
    },
    '/v1/indicators/{id}': {
      get: {
        operationId: 'getIndicator',
        summary: 'One registry entry',
        tags: ['indicators'],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', enum: indicators.map((d) => d.id) } }],
        responses: { 200: { description: 'The registry entry.', content: { 'application/json': { schema: plain(IndicatorListing.properties.indicators.items) } } }, ...problemResponses([404]) },
      },
    },
    '/v1/batch': {
      post: {
        operationId: 'batch',
        summary: 'Many series times many indicator specs',
        description: 'Every spec is computed on every series; series of equal length run through the panel kernels together. Results are keyed results[seriesKey][specKey][outputName].',
        tags: ['indicators'],
        requestBody: { required: true, content: { 'application/json': { schema: plain(BatchRequest) } } },
        responses: { 200: { description: 'Resolved specs and results.', content: { 'application/json': { schema: plain(BatchResponse) } } }, ...problemResponses([400, 401, 403, 413, 415, 422, 429, 503]) },
      },
    },
    '/v1/patterns': {
      post: {
        operationId: 'scanPatterns',
        summary: 'Candlestick patterns: every TA-Lib CDL function (or a chosen set) over one series or many',
        description:
          'The scanner evaluates the patterns in one pass, sharing the candle averages, and returns per pattern the bars where it fired with its value ' +
          '(equal to POST /v1/indicators/{cdl...} for each pattern, and to TA-Lib). Body: {"inputs": {open, high, low, close}} or {"series": {key: {open, high, low, close}}}, ' +
          `optional "patterns" (ids or TA-Lib names) and "penetration". Limits: ${limits.pointsPerSeries} bars per series, ${limits.batchSeries} series, ` +
          `bars times patterns at most ${limits.outputValues}.`,
        tags: ['indicators'],
        requestBody: { required: true, content: { 'application/json': { schema: plain(PatternsRequest) } } },
        responses: { 200: { description: 'Per pattern: lookback, bars and values (per series key for a panel).', content: { 'application/json': { schema: plain(PatternsResponse) } } }, ...problemResponses([400, 401, 403, 413, 415, 422, 429, 503]) },
      },
    },
    '/v1/stream': {
      get: {
        operationId: 'stream',
        summary: 'Live indicator streams over a WebSocket',
        description:
          'A WebSocket upgrade (Upgrade: websocket). Text frames carry JSON messages, one reply per message, in order: ' +
          '{"op":"open","key","id","params"?,"history"?} → opened; {"op":"update","key","bar"} → output; {"op":"peek","key"} → output; ' +
          '{"op":"snapshot","key"} → snapshot (restore it with {"op":"open","key","restore":snapshot}); {"op":"close","key"} → closed; ' +
          'a bad message → {"op":"error","code","detail","path"?} and the connection stays open. Streams live in their connection. ' +
          `Limits: ${limits.streamConnections} stream connections per instance (503) and ${limits.streamConnectionsPerClient} per client (429); ` +
          `${limits.streamsPerConnection} streams and ${limits.streamStateBytesPerConnection} bytes of stream state per connection, ${limits.streamStateBytes} per instance ` +
          `(CONNECTION_STATE_BUDGET, PROCESS_STATE_BUDGET); ${limits.streamMessagesPerSecond} message units per second per connection (RATE_LIMITED, with retryAfterMs); ` +
          `OVERLOADED while the instance sheds load; ${limits.streamMessageBytes} bytes per message (4x closes with 1009); ` +
          `${limits.streamBufferedBytes} bytes of unread replies (the connection is dropped); a peer that stops answering pings is cut. Shutdown closes with 1001. ` +
          'Without an Upgrade header: 426. The service README documents the protocol.',
        tags: ['indicators'],
        responses: {
          101: { description: 'Switching Protocols: the WebSocket is open.' },
          ...problemResponses([400, 401, 403, 426, 429, 503]),
        },
      },
    },
  };
  for (const def of indicators) {
    const name = def.id.charAt(0).toUpperCase() + def.id.slice(1);
    schemas[`${name}Request`] = plain(requestSchemaFor(def));
    schemas[`${name}Response`] = plain(responseSchemaFor(def));
    paths[`/v1/indicators/${def.id}`] = indicatorPath(def);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Chitti Compute',
      version,
      description:
        `Technical-analysis indicators (TA-Lib exact) computed by WebAssembly SIMD kernels. Errors are RFC 9457 problem details. ` +
        `Limits: body ${limits.bodyBytes} bytes, ${limits.pointsPerSeries} points per series, ${limits.batchSeries} series and ` +
        `${limits.batchSpecs} specs per batch, ${limits.outputValues} output values per response.`,
    },
    tags: [{ name: 'indicators', description: `${indicators.length} indicators: ${indicators.map((d) => describeIndicator(d).id).join(', ')}` }],
    paths,
    // Every route requires the token unless the service runs with API_AUTH=disabled.
    security: [{ bearerAuth: [] }],
    components: { schemas, securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A token from API_TOKENS or API_TOKENS_FILE (unless API_AUTH=disabled).' } } },
  };
}
