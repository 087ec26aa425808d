/**
 * POST /v1/indicators/{id} without the HTTP: JSON and binary requests to a response body. Pure
 * (throws ProblemError), so it runs on the main thread or in a worker alike.
 */
import { resolveParams, type ComputeResult, type IndicatorDefinition, type InputsArg, type Params } from '@chitti/kernels';
import type { Limits } from '../settings.ts';
import { binaryOutputBuffer, decodeBinaryInputs, encodeBinaryOutputs, outputsToJson, paramsFromQuery } from '../codec.ts';
import { ProblemError } from '../problem.ts';
import { validateIndicatorRequest } from '../request-validation.ts';
import type { Kernels } from './kernels.ts';

export type Query = Record<string, string | string[] | undefined>;

function checkOutputSize(def: IndicatorDefinition, n: number, limits: Limits): void {
  const values = n * def.outputs.length;
  if (values > limits.outputValues) {
    throw new ProblemError('payload-too-large', `the response would hold ${values} values (${n} points times ${def.outputs.length} outputs); the limit is ${limits.outputValues} (MAX_OUTPUT_VALUES)`, { code: 'TOO_MANY_OUTPUT_VALUES' });
  }
}

/** URL-encoded `name=value&…` of resolved parameters (the Chitti-Params response header). */
export function paramsHeader(params: Params): string {
  return new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString();
}

/** A parsed JSON body to the JSON response text. */
export function indicatorJson(def: IndicatorDefinition, parsed: unknown, query: Query, limits: Limits, kernels: Kernels): string {
  const body = validateIndicatorRequest(parsed);
  const result = computeJson(def, body.inputs as InputsArg, body.params, query, limits, kernels);
  return JSON.stringify({ id: def.id, params: result.params, lookback: result.lookback, outputs: outputsToJson(def, result.outputs) });
}

/**
 * A valid JSON request's inputs and params (from the generic parser and the schema, or from the
 * fast path, src/json-fast/) to the kernel's result: the checks that follow validation, the call.
 */
export function computeJson(def: IndicatorDefinition, inputs: InputsArg, bodyParams: Record<string, number> | undefined, query: Query, limits: Limits, kernels: Kernels): ComputeResult {
  if (Object.keys(query).length > 0) {
    throw new ProblemError('malformed-request', 'JSON requests carry their parameters in the body ("params"); the query string is read only for binary requests', { pointer: 'query', code: 'QUERY_WITH_JSON' });
  }
  let n = 0;
  for (const [name, series] of Object.entries(inputs)) {
    if (series.length > limits.pointsPerSeries) {
      throw new ProblemError('payload-too-large', `inputs.${name} has ${series.length} values; the limit is ${limits.pointsPerSeries} per series (MAX_POINTS_PER_SERIES)`, { pointer: `inputs.${name}`, code: 'TOO_MANY_POINTS' });
    }
    n = series.length;
  }
  checkOutputSize(def, n, limits);
  const params = resolveParams(def, bodyParams ?? {});
  return kernels.single(def.id, inputs, params, n);
}

export interface BinaryResponse {
  body: Buffer;
  headers: Record<string, string>;
}

/** Points per input of a binary body (for the worker threshold); NaN when the length is wrong. */
export function binaryPoints(def: IndicatorDefinition, bytes: number): number {
  return bytes / (8 * def.inputs.length);
}

/** A binary body and its query string to the binary response and its headers. */
export function indicatorBinary(def: IndicatorDefinition, raw: Uint8Array, query: Query, limits: Limits, kernels: Kernels): BinaryResponse {
  const params = resolveParams(def, paramsFromQuery(query));
  const body = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.length);
  const inputs = decodeBinaryInputs(def, body, limits.pointsPerSeries);
  const n = inputs[def.inputs[0]!]!.length;
  checkOutputSize(def, n, limits);
  const response = binaryOutputBuffer(def, n);
  const result = kernels.single(def.id, inputs, params, n, response?.views);
  return {
    body: response ? response.body : encodeBinaryOutputs(def, result.outputs),
    headers: {
      'Chitti-Indicator': def.id,
      'Chitti-Lookback': String(result.lookback),
      'Chitti-Params': paramsHeader(result.params),
      'Chitti-Outputs': def.outputs.map((o) => o.name).join(','),
      'Chitti-Points': String(n),
      'Chitti-Kernel': result.kernel,
    },
  };
}
