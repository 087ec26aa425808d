import { IndicatorError } from './errors.ts';
import type { Params, StreamKernel, StreamState } from './types.ts';

/**
 * What each field of a stream's state may hold, for given parameters: restoring a snapshot checks
 * every field against it (and the kernel's relations between fields), so a tampered or corrupt
 * snapshot is refused instead of driving the kernel into an impossible state (an index past a ring,
 * a counter that never reaches its target, a window that contradicts its count).
 */
export type FieldSpec =
  /** An integer in [min, max]; with `bars`, also at most the bars committed plus `bars` (a count of bars seen). */
  | { kind: 'int'; min: number; max: number; bars?: number }
  /** A finite number in [min, max]. */
  | { kind: 'real'; min: number; max: number }
  /** An array of exactly `length` finite numbers, each in [min, max]. */
  | { kind: 'reals'; length: number; min: number; max: number }
  /** An array of exactly `length` integers, each in [min, max]. */
  | { kind: 'ints'; length: number; min: number; max: number };

export type StateSpec = Readonly<Record<string, FieldSpec>>;

/** A relation between fields that a state violates: the field to blame and why. */
export interface StateProblem {
  field: string;
  reason: string;
}

export const int = (min: number, max: number): FieldSpec => ({ kind: 'int', min, max });
/** A count of bars seen, capped at `max`: never more than the bars committed plus `offset`. */
export const counter = (max: number, offset = 0, min = 0): FieldSpec => ({ kind: 'int', min, max, bars: offset });
export const real = (min = -Infinity, max = Infinity): FieldSpec => ({ kind: 'real', min, max });
export const reals = (length: number, min = -Infinity, max = Infinity): FieldSpec => ({ kind: 'reals', length, min, max });
export const ints = (length: number, min: number, max: number): FieldSpec => ({ kind: 'ints', length, min, max });
/** A running count or sum that never goes below zero. */
export const nonNegative = (): FieldSpec => real(0);
/** A bar counter with no bound but the bars committed (and the largest integer a double holds exactly). */
export const barCount = (): FieldSpec => counter(Number.MAX_SAFE_INTEGER);

/** A problem when `ok` is false, for relations written as a chain of checks. */
export function unless(ok: boolean, field: string, reason: string): StateProblem | undefined {
  return ok ? undefined : { field, reason };
}

/**
 * A ring filled from slot 0, one value per bar: while fewer than its length have arrived (`filled`),
 * the next slot is `filled` and the slots after it still hold their initial 0.
 */
export function ringFilling(ring: readonly number[], head: number, filled: number, ringField: string, headField: string): StateProblem | undefined {
  if (filled >= ring.length) return undefined;
  if (head !== filled) return { field: headField, reason: `must be ${filled} while the ring holds ${filled} values, got ${head}` };
  for (let i = filled; i < ring.length; i++) {
    if (ring[i] !== 0) return { field: ringField, reason: `[${i}] is beyond the ${filled} values seen so far, so must be 0` };
  }
  return undefined;
}

/** Fields that hold their initial 0 until a condition is met (sums before the first output). */
export function stillZero(state: Readonly<Record<string, number | number[]>>, fields: readonly string[], why: string): StateProblem | undefined {
  for (const f of fields) if (state[f] !== 0) return { field: f, reason: `must be 0 ${why}` };
  return undefined;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return String(v);
  return typeof v;
}

function fieldProblem(spec: FieldSpec, v: unknown, bars: number): string | undefined {
  if (spec.kind === 'reals' || spec.kind === 'ints') {
    if (!Array.isArray(v)) return `must be an array of ${spec.length} numbers, got ${describe(v)}`;
    if (v.length !== spec.length) return `must hold ${spec.length} numbers, got ${v.length}`;
    for (let i = 0; i < v.length; i++) {
      const e: unknown = v[i];
      const integer = spec.kind === 'ints';
      if (typeof e !== 'number' || !Number.isFinite(e) || (integer && !Number.isInteger(e)) || e < spec.min || e > spec.max) {
        return `[${i}] must be ${integer ? 'an integer' : 'a finite number'} in [${spec.min}, ${spec.max}], got ${describe(e)}`;
      }
    }
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) return `must be a finite number, got ${describe(v)}`;
  if (spec.kind === 'int' && !Number.isInteger(v)) return `must be an integer, got ${v}`;
  if (v < spec.min || v > spec.max) return `must be in [${spec.min}, ${spec.max}], got ${v}`;
  if (spec.kind === 'int' && spec.bars !== undefined && v > bars + spec.bars) return `counts bars seen, so is at most ${bars + spec.bars} with ${bars} bars committed, got ${v}`;
  return undefined;
}

/**
 * Checks a snapshot's state against the kernel's spec and relations and returns it as a fresh state
 * (made by init, so it has the kernel's own shape; arrays copied). Throws INVALID_STATE naming the field.
 */
export function readState(kernel: StreamKernel, params: Params, raw: unknown, bars: number): StreamState {
  const fail = (field: string, reason: string): never => {
    throw new IndicatorError('INVALID_STATE', field ? `snapshot.state.${field}` : 'snapshot.state', `state field "${field}" ${reason}`);
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new IndicatorError('INVALID_STATE', 'snapshot.state', 'the state must be an object');
  }
  const given = raw as Record<string, unknown>;
  const spec = kernel.spec(params);
  // Own keys only: a key the spec lacks (constructor, __proto__, ...) is refused, never looked up.
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(spec, key)) fail(key, 'is not part of this indicator\'s state');
  }
  const state = kernel.init(params);
  for (const key of Object.keys(spec)) {
    if (!Object.hasOwn(given, key)) fail(key, 'is missing');
    const v = given[key];
    const problem = fieldProblem(spec[key]!, v, bars);
    if (problem) fail(key, problem);
    if (Array.isArray(v)) {
      const into = state[key] as number[];
      for (let i = 0; i < v.length; i++) into[i] = v[i] as number;
    } else {
      state[key] = v as number;
    }
  }
  const broken = kernel.relations?.(state, params, bars);
  if (broken) fail(broken.field, broken.reason);
  return state;
}

/** Copies `from` into `into` (same shape) without allocating: the stream's scratch state for peek. */
export function copyState(into: StreamState, from: StreamState, keys: readonly string[]): void {
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const v = from[key]!;
    if (typeof v === 'number') {
      into[key] = v;
    } else {
      const dst = into[key] as number[];
      for (let i = 0; i < v.length; i++) dst[i] = v[i]!;
    }
  }
}

/** Bytes a state holds: 8 per number, plus a fixed overhead for the objects. */
export function stateBytes(state: StreamState, overhead: number): number {
  let numbers = 0;
  for (const key in state) {
    const v = state[key]!;
    numbers += typeof v === 'number' ? 1 : v.length;
  }
  return overhead + 8 * numbers;
}
