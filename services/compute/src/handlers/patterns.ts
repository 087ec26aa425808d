/**
 * POST /v1/patterns without the HTTP: the candlestick-pattern scanner over one series ("inputs") or
 * many ("series", a panel keyed by symbol). Pure (throws ProblemError), so it runs on the main
 * thread or in a worker alike.
 */
import { IndicatorError, InvalidInputError, patternIds, type InputsArg, type ScanResult } from '@chitti/kernels';
import { Type } from '@sinclair/typebox';
import { ProblemError, type ProblemExtensions } from '../problem.ts';
import type { Limits } from '../settings.ts';
import { validator } from '../request-validation.ts';
import type { Kernels } from './kernels.ts';

const Series = Type.Array(Type.Number(), { description: 'Values in time order; finite numbers only.' });
const Ohlc = Type.Record(Type.String(), Series, { description: 'open, high, low and close, of equal length.' });

export const PatternsRequest = Type.Object(
  {
    inputs: Type.Optional(Ohlc),
    series: Type.Optional(Type.Record(Type.String(), Ohlc, { description: 'Many series by key (e.g. a symbol); each may have its own length.' })),
    patterns: Type.Optional(Type.Array(Type.String(), { minItems: 1, description: `Pattern ids (or TA-Lib names); default all ${patternIds.length}.` })),
    penetration: Type.Optional(Type.Number({ description: "TA-Lib's optInPenetration for the patterns that take one; default each pattern's own (0.3 or 0.5)." })),
  },
  { additionalProperties: false, description: 'Exactly one of "inputs" (one series) or "series" (many).' },
);

const Hits = Type.Object({
  lookback: Type.Integer({ description: "TA-Lib's lookback: no bar before it is reported." }),
  bars: Type.Array(Type.Integer(), { description: 'Indices of the bars where the pattern fired, ascending.' }),
  values: Type.Array(Type.Integer(), { description: 'The value at each of those bars: ±100 (±80 weaker engulfing/harami, ±200 confirmed Hikkake).' }),
});
const Scan = Type.Object({ length: Type.Integer(), kernel: Type.String({ description: 'wasm-simd or typescript.' }), patterns: Type.Record(Type.String(), Hits) });
export const PatternsResponse = Type.Union([Scan, Type.Object({ series: Type.Record(Type.String(), Scan) })]);

const validatePatternsRequest = validator(PatternsRequest, '{"inputs": {"open", "high", "low", "close"}, "patterns"?: [...]} or {"series": {...}}');

/** A library error as a problem, pointing into the request body (series by key, not by position). */
function problemFor(err: IndicatorError, where: (s: number) => string): ProblemError {
  let pointer = err.path;
  const m = /^panel\[(\d+)\]\.(?:inputs\.)?(.*)$/.exec(pointer);
  if (m) pointer = `${where(Number(m[1]))}.${m[2]}`;
  if (pointer === 'params.penetration') pointer = 'penetration';
  const param = err.code === 'UNKNOWN_INDICATOR' || pointer.startsWith('patterns') || pointer === 'penetration';
  const ext: ProblemExtensions = { pointer, code: err.code };
  if (err instanceof InvalidInputError && err.index !== undefined) ext.index = err.index;
  return new ProblemError(param ? 'invalid-params' : 'invalid-input', err.message, ext);
}

/** A parsed JSON body to the JSON response text. */
export function patternsJson(parsed: unknown, limits: Limits, kernels: Kernels): string {
  const body = validatePatternsRequest(parsed);
  if ((body.inputs === undefined) === (body.series === undefined)) {
    throw new ProblemError('malformed-request', 'give exactly one of "inputs" (one series) or "series" (many series by key)', { pointer: 'inputs', code: 'ONE_OF_INPUTS_OR_SERIES' });
  }
  const keys = body.series ? Object.keys(body.series) : [];
  const panel: InputsArg[] = body.series ? keys.map((k) => body.series![k]!) : [body.inputs!];
  const where = (s: number) => (body.series ? `series.${keys[s]}` : 'inputs');
  if (body.series && (keys.length === 0 || keys.length > limits.batchSeries)) {
    throw new ProblemError(keys.length === 0 ? 'malformed-request' : 'payload-too-large', `"series" holds ${keys.length} series; it needs 1 to ${limits.batchSeries} (MAX_BATCH_SERIES)`, { pointer: 'series', code: 'TOO_MANY_SERIES' });
  }
  let points = 0;
  panel.forEach((inputs, s) => {
    for (const [name, values] of Object.entries(inputs)) {
      if (values.length > limits.pointsPerSeries) {
        throw new ProblemError('payload-too-large', `${where(s)}.${name} has ${values.length} values; the limit is ${limits.pointsPerSeries} per series (MAX_POINTS_PER_SERIES)`, { pointer: `${where(s)}.${name}`, code: 'TOO_MANY_POINTS' });
      }
    }
    points += Object.values(inputs)[0]?.length ?? 0;
  });
  const count = body.patterns ? new Set(body.patterns.map((p) => p.toLowerCase())).size : patternIds.length;
  // Every bar of every series against every pattern: the work, and the most hits the response can hold.
  if (points * count > limits.outputValues) {
    throw new ProblemError('payload-too-large', `the scan would test ${points * count} bars (${points} bars times ${count} patterns); the limit is ${limits.outputValues} (MAX_OUTPUT_VALUES)`, { code: 'TOO_MANY_OUTPUT_VALUES' });
  }
  let results: ScanResult[];
  try {
    results = kernels.scan(panel, { ...(body.patterns ? { patterns: body.patterns } : {}), ...(body.penetration === undefined ? {} : { penetration: body.penetration }) }, points);
  } catch (err) {
    throw err instanceof IndicatorError ? problemFor(err, where) : err;
  }
  if (!body.series) return JSON.stringify(results[0]);
  return JSON.stringify({ series: Object.fromEntries(keys.map((k, s) => [k, results[s]])) });
}
