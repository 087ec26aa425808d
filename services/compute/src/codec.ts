/**
 * Encodings of series: JSON arrays with `null` for NaN, and the binary layout (little-endian float64
 * arrays of equal length, concatenated in registry order).
 */
import { endianness } from 'node:os';
import type { IndicatorDefinition } from '@chitti/kernels';
import { ProblemError } from './problem.ts';

const LITTLE_ENDIAN = endianness() === 'LE';

/**
 * A Float64Array as a plain array with null for NaN (JSON has no NaN), ready for JSON.stringify.
 * Number-to-text conversion dominates the cost; JSON.stringify's fast path over a packed array is
 * as quick as any hand-written serializer we measured (README, "Performance notes").
 */
export function toJsonArray(values: Float64Array): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = v === v && v !== Infinity && v !== -Infinity ? v : null;
  }
  return out;
}

export function outputsToJson(def: IndicatorDefinition, outputs: Record<string, Float64Array>): Record<string, (number | null)[]> {
  const out: Record<string, (number | null)[]> = {};
  for (const o of def.outputs) out[o.name] = toJsonArray(outputs[o.name]!);
  return out;
}

/** Splits a binary body into the indicator's inputs (registry order). Throws 400/422 problems. */
export function decodeBinaryInputs(def: IndicatorDefinition, body: Buffer, maxPoints: number): Record<string, Float64Array> {
  const stride = 8 * def.inputs.length;
  if (body.length % stride !== 0) {
    throw new ProblemError(
      'malformed-request',
      `binary body of ${body.length} bytes is not a multiple of ${stride} (8 bytes per float64 times ${def.inputs.length} input${def.inputs.length > 1 ? 's' : ''}: ${def.inputs.join(', ')})`,
      { pointer: '(body)', code: 'BINARY_LENGTH' },
    );
  }
  const n = body.length / stride;
  if (n > maxPoints) {
    throw new ProblemError('payload-too-large', `each input has ${n} values; the limit is ${maxPoints} per series (MAX_POINTS_PER_SERIES)`, { pointer: `inputs.${def.inputs[0]}`, code: 'TOO_MANY_POINTS' });
  }
  const inputs: Record<string, Float64Array> = {};
  def.inputs.forEach((name, j) => {
    const offset = body.byteOffset + j * n * 8;
    // The body is already little-endian float64: read it in place when it is 8-byte aligned (a
    // large body is its own allocation at offset 0), instead of copying 8n bytes per input.
    if (LITTLE_ENDIAN && offset % 8 === 0) {
      inputs[name] = new Float64Array(body.buffer, offset, n);
      return;
    }
    const arr = new Float64Array(n);
    const bytes = body.subarray(j * n * 8, (j + 1) * n * 8);
    if (LITTLE_ENDIAN) new Uint8Array(arr.buffer).set(bytes);
    else for (let i = 0; i < n; i++) arr[i] = bytes.readDoubleLE(i * 8);
    inputs[name] = arr;
  });
  return inputs;
}

/**
 * The response buffer of a binary request with Float64Array views of it, one per output in registry
 * order, for the kernel to write into (no copy into the response afterwards). Undefined on a
 * big-endian host, where the outputs need byte-swapping (encodeBinaryOutputs).
 */
export function binaryOutputBuffer(def: IndicatorDefinition, n: number): { body: Buffer; views: Record<string, Float64Array> } | undefined {
  if (!LITTLE_ENDIAN) return undefined;
  // Not from Buffer's shared pool (which hands out unaligned slices): its own, 8-byte aligned.
  const body = Buffer.allocUnsafeSlow(n * 8 * def.outputs.length);
  const views: Record<string, Float64Array> = {};
  def.outputs.forEach((o, k) => (views[o.name] = new Float64Array(body.buffer, body.byteOffset + k * n * 8, n)));
  return { body, views };
}

/** The outputs in registry order, concatenated as little-endian float64 (NaN stays NaN). */
export function encodeBinaryOutputs(def: IndicatorDefinition, outputs: Record<string, Float64Array>): Buffer {
  const first = outputs[def.outputs[0]!.name]!;
  const n = first.length;
  const buf = Buffer.allocUnsafe(n * 8 * def.outputs.length);
  def.outputs.forEach((o, k) => {
    const arr = outputs[o.name]!;
    if (LITTLE_ENDIAN) buf.set(new Uint8Array(arr.buffer, arr.byteOffset, n * 8), k * n * 8);
    else for (let i = 0; i < n; i++) buf.writeDoubleLE(arr[i]!, (k * n + i) * 8);
  });
  return buf;
}

/**
 * Parameters from a query string (binary requests): every value must be a number literal. Unknown
 * names and range checks are left to the kernels library so JSON and binary report them alike.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function paramsFromQuery(query: Record<string, string | string[] | undefined>): Record<string, number> {
  const params: Record<string, number> = {};
  for (const [name, raw] of Object.entries(query)) {
    // As in JSON bodies: assigning it would set the object's prototype, silently dropping the value.
    if (name === '__proto__') {
      throw new ProblemError('malformed-request', 'the query parameter name "__proto__" is not allowed', { pointer: 'params.__proto__', code: 'FORBIDDEN_MEMBER' });
    }
    if (Array.isArray(raw)) {
      throw new ProblemError('malformed-request', `query parameter "${name}" is given ${raw.length} times`, { pointer: `params.${name}`, code: 'DUPLICATE_QUERY_PARAM' });
    }
    const text = raw ?? '';
    // Decimal literals only: Number() would also take 0x10, 0b1, 1e, whitespace and '' (as 0).
    const value = DECIMAL.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(value)) {
      throw new ProblemError('invalid-params', `parameter "${name}" must be a finite number, got ${JSON.stringify(raw)}`, { pointer: `params.${name}`, code: 'INVALID_PARAM_TYPE' });
    }
    params[name] = value;
  }
  return params;
}
