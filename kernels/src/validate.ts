import { InvalidInputError, InvalidParamError } from './errors.ts';
import { finiteRange } from './loop.ts';
import type { IndicatorDefinition, InputName, Params, Series } from './types.ts';

export type InputsArg = Partial<Record<InputName, Series>>;
export type ParamsArg = Readonly<Record<string, number | undefined>>;

/** Applies defaults and checks every parameter: known, present, a finite number, integer where required, in range. */
export function resolveParams(def: IndicatorDefinition, params: ParamsArg | undefined = {}): Params {
  if (params === null || typeof params !== 'object') {
    throw new InvalidParamError('INVALID_PARAM_TYPE', 'params', 'params must be an object');
  }
  const known = new Set(def.params.map((p) => p.name));
  for (const key of Object.keys(params)) {
    if (!known.has(key)) {
      throw new InvalidParamError(
        'UNKNOWN_PARAM',
        `params.${key}`,
        `unknown parameter "${key}" for ${def.id}; expected ${def.params.map((p) => p.name).join(', ') || 'none'}`,
      );
    }
  }
  const out: Record<string, number> = {};
  for (const p of def.params) {
    const path = `params.${p.name}`;
    const raw = params[p.name];
    const value = raw === undefined ? p.default : raw;
    if (value === undefined || value === null) {
      throw new InvalidParamError('MISSING_PARAM', path, `parameter "${p.name}" is required`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidParamError('INVALID_PARAM_TYPE', path, `parameter "${p.name}" must be a finite number, got ${describe(value)}`);
    }
    if (p.type === 'integer' && !Number.isInteger(value)) {
      throw new InvalidParamError('PARAM_NOT_INTEGER', path, `parameter "${p.name}" must be an integer, got ${value}`);
    }
    if (value < p.min || value > p.max) {
      throw new InvalidParamError('PARAM_OUT_OF_RANGE', path, `parameter "${p.name}" must be between ${p.min} and ${p.max}, got ${value}`);
    }
    out[p.name] = value;
  }
  const limit = def.paramLimit?.(out);
  if (limit && out[limit.param]! > limit.max) {
    throw new InvalidParamError('PARAM_OUT_OF_RANGE', `params.${limit.param}`, `parameter "${limit.param}" must be at most ${limit.max} ${limit.why}, got ${out[limit.param]}`);
  }
  return out;
}

/**
 * Checks the inputs (present, no extras, arrays of finite numbers, equal lengths) and returns them in
 * registry order as Float64Array (the caller's own arrays when they already are). With
 * `checkValues` false the caller checks finiteness itself (the WebAssembly path does it in SIMD).
 */
export function resolveInputs(def: IndicatorDefinition, inputs: InputsArg, checkValues = true): Float64Array[] {
  if (inputs === null || typeof inputs !== 'object') {
    throw new InvalidInputError('INVALID_INPUT_TYPE', 'inputs', 'inputs must be an object of series');
  }
  const expected = new Set<string>(def.inputs);
  for (const key of Object.keys(inputs)) {
    if (!expected.has(key)) {
      throw new InvalidInputError('UNEXPECTED_INPUT', `inputs.${key}`, `unexpected input "${key}" for ${def.id}; expected ${def.inputs.join(', ')}`);
    }
  }
  const arrays: Float64Array[] = [];
  let length = -1;
  for (const name of def.inputs) {
    const series = inputs[name];
    if (series === undefined) {
      throw new InvalidInputError('MISSING_INPUT', `inputs.${name}`, `missing input "${name}" for ${def.id}`);
    }
    const arr = toFloat64(series, name, checkValues);
    if (length >= 0 && arr.length !== length) throw lengthMismatch(def, name, arr.length, length);
    length = arr.length;
    arrays.push(arr);
  }
  return arrays;
}

function toFloat64(series: Series, name: string, checkValues: boolean): Float64Array {
  if (series instanceof Float64Array) {
    if (checkValues) checkFinite(series, name);
    return series;
  }
  if (!Array.isArray(series)) throw notASeries(name);
  const arr = new Float64Array(series.length);
  for (let i = 0; i < series.length; i++) {
    const v: unknown = series[i];
    if (typeof v !== 'number') throw notANumber(name, i, v);
    arr[i] = v;
  }
  if (checkValues) checkFinite(arr, name);
  return arr;
}

/** Throws at the first NaN or infinity. */
export function checkFinite(arr: Float64Array, name: string): void {
  // One pass that only sums (loop.ts), the first bad value looked for only when there is one.
  if (finiteRange(arr, 0, arr.length)) return;
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i]!;
    if (v - v !== 0) throw nonFinite(name, i, v);
  }
}

export function notANumber(name: string, index: number, value: unknown): InvalidInputError {
  return new InvalidInputError('INVALID_INPUT_TYPE', `inputs.${name}[${index}]`, `input "${name}" at index ${index} is ${describe(value)}, not a number`, index);
}

export function notASeries(name: string): InvalidInputError {
  return new InvalidInputError('INVALID_INPUT_TYPE', `inputs.${name}`, `input "${name}" must be an array of numbers or a Float64Array`);
}

export function lengthMismatch(def: IndicatorDefinition, name: string, length: number, expected: number): InvalidInputError {
  return new InvalidInputError(
    'LENGTH_MISMATCH',
    `inputs.${name}`,
    `input "${name}" has ${length} values but "${def.inputs[0]}" has ${expected}; inputs must have equal lengths`,
  );
}

export function nonFinite(name: string, index: number, value: number): InvalidInputError {
  return new InvalidInputError('NON_FINITE_INPUT', `inputs.${name}[${index}]`, `input "${name}" at index ${index} is ${value}; values must be finite`, index);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 20 ? v.slice(0, 20) + '…' : v)}`;
  if (typeof v === 'number') return String(v);
  return typeof v;
}
