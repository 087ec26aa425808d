/**
 * POST /v1/batch without the HTTP: every spec on every series. Series of equal length go through
 * the panel kernels together (one call per spec and length); the results equal one call per series.
 * Pure (throws ProblemError), so it runs on the main thread or in a worker alike.
 */
import { IndicatorError, INPUT_ORDER, getIndicator, hasIndicator, indicators, resolveParams, type IndicatorDefinition, type InputsArg, type Params } from '@chitti/kernels';
import type { Static } from '@sinclair/typebox';
import type { Limits } from '../settings.ts';
import { outputsToJson } from '../codec.ts';
import { ProblemError, fromIndicatorError } from '../problem.ts';
import type { BatchRequest } from '../schemas.ts';
import { validateBatchRequest } from '../request-validation.ts';
import type { Kernels } from './kernels.ts';

const INPUT_NAMES = new Set<string>(INPUT_ORDER);

interface ResolvedSpec {
  key: string;
  def: IndicatorDefinition;
  params: Params;
  index: number;
}

/** A parsed JSON body to the JSON response text. */
export function batchJson(parsed: unknown, limits: Limits, kernels: Kernels): string {
  const body = validateBatchRequest(parsed);
  const seriesKeys = Object.keys(body.series);
  if (seriesKeys.length > limits.batchSeries) {
    throw new ProblemError('payload-too-large', `the batch has ${seriesKeys.length} series; the limit is ${limits.batchSeries} (MAX_BATCH_SERIES)`, { pointer: 'series', code: 'TOO_MANY_SERIES' });
  }
  if (body.specs.length > limits.batchSpecs) {
    throw new ProblemError('payload-too-large', `the batch has ${body.specs.length} specs; the limit is ${limits.batchSpecs} (MAX_BATCH_SPECS)`, { pointer: 'specs', code: 'TOO_MANY_SPECS' });
  }
  const lengths = new Map<string, number>();
  for (const key of seriesKeys) lengths.set(key, checkSeries(key, body.series[key]!, limits.pointsPerSeries));
  const specs = resolveSpecs(body.specs);
  let values = 0;
  const totalPoints = [...lengths.values()].reduce((a, b) => a + b, 0);
  for (const spec of specs) values += totalPoints * spec.def.outputs.length;
  if (values > limits.outputValues) {
    throw new ProblemError('payload-too-large', `the response would hold ${values} values; the limit is ${limits.outputValues} (MAX_OUTPUT_VALUES)`, { code: 'TOO_MANY_OUTPUT_VALUES' });
  }
  for (const spec of specs) {
    for (const key of seriesKeys) {
      for (const name of spec.def.inputs) {
        if (body.series[key]![name] === undefined) {
          throw new ProblemError('invalid-input', `series "${key}" has no "${name}" series, which ${spec.def.id} (specs[${spec.index}]) needs`, { pointer: `series.${key}.${name}`, code: 'MISSING_INPUT' });
        }
      }
    }
  }

  // Group series by length: each group is one panel call per spec.
  const groups = new Map<number, string[]>();
  for (const key of seriesKeys) {
    const n = lengths.get(key)!;
    groups.set(n, [...(groups.get(n) ?? []), key]);
  }
  const results: Record<string, Record<string, Record<string, (number | null)[]>>> = {};
  for (const key of seriesKeys) results[key] = {};
  const specsOut: Record<string, { id: string; params: Params; lookback: number }> = {};
  for (const spec of specs) {
    specsOut[spec.key] = { id: spec.def.id, params: spec.params, lookback: spec.def.lookback(spec.params) };
    for (const [n, keys] of groups) {
      const pick = (key: string): InputsArg => Object.fromEntries(spec.def.inputs.map((name) => [name, body.series[key]![name]!]));
      try {
        if (keys.length === 1) {
          const r = kernels.single(spec.def.id, pick(keys[0]!), spec.params, n);
          results[keys[0]!]![spec.key] = outputsToJson(spec.def, r.outputs);
        } else {
          const r = kernels.panel(spec.def.id, keys.map(pick), spec.params, n);
          keys.forEach((key, s) => (results[key]![spec.key] = outputsToJson(spec.def, r.outputs[s]!)));
        }
      } catch (err) {
        if (err instanceof IndicatorError) throw fromIndicatorError(err, `specs[${spec.index}]`, `specs[${spec.index}] (${spec.def.id})`);
        throw err;
      }
    }
  }
  return JSON.stringify({ specs: specsOut, results });
}

/** Input names known, equal lengths, within the per-series limit; returns the length. */
function checkSeries(key: string, series: Record<string, number[]>, maxPoints: number): number {
  let length = -1;
  let first = '';
  for (const [name, values] of Object.entries(series)) {
    if (!INPUT_NAMES.has(name)) {
      throw new ProblemError('invalid-input', `series "${key}" has an unknown input "${name}"; inputs are ${INPUT_ORDER.join(', ')}`, { pointer: `series.${key}.${name}`, code: 'UNEXPECTED_INPUT' });
    }
    if (values.length > maxPoints) {
      throw new ProblemError('payload-too-large', `series.${key}.${name} has ${values.length} values; the limit is ${maxPoints} per series (MAX_POINTS_PER_SERIES)`, { pointer: `series.${key}.${name}`, code: 'TOO_MANY_POINTS' });
    }
    if (length >= 0 && values.length !== length) {
      throw new ProblemError('invalid-input', `series "${key}": "${name}" has ${values.length} values but "${first}" has ${length}; a series' inputs must have equal lengths`, { pointer: `series.${key}.${name}`, code: 'LENGTH_MISMATCH' });
    }
    length = values.length;
    first = name;
  }
  if (length < 0) throw new ProblemError('invalid-input', `series "${key}" has no inputs`, { pointer: `series.${key}`, code: 'MISSING_INPUT' });
  return length;
}

function resolveSpecs(raw: Static<typeof BatchRequest>['specs']): ResolvedSpec[] {
  const keys = new Set<string>();
  return raw.map((spec, index) => {
    if (!hasIndicator(spec.id)) {
      throw new ProblemError('invalid-params', `specs[${index}].id: unknown indicator "${spec.id}"; known: ${indicators.map((d) => d.id).join(', ')}`, { pointer: `specs[${index}].id`, code: 'UNKNOWN_INDICATOR' });
    }
    const def = getIndicator(spec.id);
    const key = spec.key ?? spec.id;
    if (keys.has(key)) {
      throw new ProblemError('invalid-params', `specs[${index}]: the key "${key}" is already used; give each spec a distinct "key"`, { pointer: `specs[${index}].key`, code: 'DUPLICATE_SPEC_KEY' });
    }
    keys.add(key);
    try {
      return { key, def, params: resolveParams(def, spec.params ?? {}), index };
    } catch (err) {
      if (err instanceof IndicatorError) throw fromIndicatorError(err, `specs[${index}]`, `specs[${index}] (${def.id})`);
      throw err;
    }
  });
}
