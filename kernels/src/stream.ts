import { withDerived } from './define.ts';
import { InvalidInputError, IndicatorError } from './errors.ts';
import { getIndicator } from './registry.ts';
import type { IndicatorDefinition, InputName, Params, StreamState } from './types.ts';
import { resolveInputs, resolveParams, type InputsArg, type ParamsArg } from './validate.ts';

/** One bar: a value for each of the indicator's inputs, e.g. `{ close: 101.5 }`. */
export type Bar = Partial<Record<InputName, number>>;

/** A stream's serialisable state: resume it elsewhere with restoreStream(). */
export interface StreamSnapshot {
  version: 1;
  id: string;
  params: Params;
  /** Bars committed so far. */
  bars: number;
  state: StreamState;
}

function cloneState(state: StreamState): StreamState {
  const copy: StreamState = {};
  for (const [k, v] of Object.entries(state)) copy[k] = Array.isArray(v) ? v.slice() : v;
  return copy;
}

/**
 * An indicator updated bar by bar. `update` commits a closed bar and returns the latest outputs (NaN
 * while warming up); `peek` returns what the outputs would be if the forming bar closed at these
 * prices, without committing. Its outputs equal the batch computation's, bar for bar.
 */
export class IndicatorStream {
  readonly id: string;
  readonly params: Params;
  private readonly def: IndicatorDefinition;
  /** `params` plus the stream's derived constants. */
  private readonly context: Params;
  private state: StreamState;
  private count: number;
  private readonly bar: Float64Array;
  private readonly out: Float64Array;

  constructor(def: IndicatorDefinition, params: Params, state?: StreamState, bars = 0) {
    this.def = def;
    this.id = def.id;
    this.params = params;
    this.context = withDerived(def.stream, params);
    this.state = state ?? def.stream.init(params);
    this.count = bars;
    this.bar = new Float64Array(def.inputs.length);
    this.out = new Float64Array(def.outputs.length);
  }

  /** Bars committed so far. */
  get bars(): number {
    return this.count;
  }

  /** Bytes this stream's state holds (see stateBytes): what a server budgets per open stream. */
  get stateBytes(): number {
    return stateBytes(this.state);
  }

  update(bar: Bar): Record<string, number> {
    this.load(bar);
    this.def.stream.update(this.state, this.bar, this.out, this.context);
    this.count++;
    return this.outputs();
  }

  peek(bar: Bar): Record<string, number> {
    this.load(bar);
    this.def.stream.update(cloneState(this.state), this.bar, this.out, this.context);
    return this.outputs();
  }

  /**
   * Commits a chunk of bars (inputs as for compute()) and returns their outputs, aligned with the
   * chunk. A bad value anywhere rejects the whole chunk before any bar is committed.
   */
  updateMany(inputs: InputsArg): Record<string, Float64Array> {
    const series = resolveInputs(this.def, inputs);
    const n = series[0]!.length;
    const outs = this.def.outputs.map(() => new Float64Array(n));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < series.length; j++) this.bar[j] = series[j]![i]!;
      this.def.stream.update(this.state, this.bar, this.out, this.context);
      for (let k = 0; k < outs.length; k++) outs[k]![i] = this.out[k]!;
    }
    this.count += n;
    return Object.fromEntries(this.def.outputs.map((o, k) => [o.name, outs[k]!]));
  }

  snapshot(): StreamSnapshot {
    return { version: 1, id: this.id, params: { ...this.params }, bars: this.count, state: cloneState(this.state) };
  }

  private load(bar: Bar): void {
    if (bar === null || typeof bar !== 'object') {
      throw new InvalidInputError('INVALID_BAR', 'bar', `a bar must be an object with ${this.def.inputs.join(', ')}`);
    }
    for (const key of Object.keys(bar)) {
      if (!this.def.inputs.includes(key as InputName)) {
        throw new InvalidInputError('UNEXPECTED_INPUT', `bar.${key}`, `unexpected field "${key}" for ${this.id}; expected ${this.def.inputs.join(', ')}`);
      }
    }
    // Check every field before writing any, so a bad bar leaves nothing behind.
    this.def.inputs.forEach((name) => {
      const v: unknown = bar[name];
      if (v === undefined) throw new InvalidInputError('MISSING_INPUT', `bar.${name}`, `missing "${name}" in the bar`);
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InvalidInputError('NON_FINITE_INPUT', `bar.${name}`, `bar field "${name}" must be a finite number, got ${String(v)}`);
      }
    });
    this.def.inputs.forEach((name, j) => (this.bar[j] = bar[name]!));
  }

  private outputs(): Record<string, number> {
    const res: Record<string, number> = {};
    this.def.outputs.forEach((o, k) => (res[o.name] = this.out[k]!));
    return res;
  }
}

/** Fixed cost of a stream object and its state record, beside 8 bytes per state number. */
const STREAM_OVERHEAD_BYTES = 512;

function stateBytes(state: StreamState): number {
  let numbers = 0;
  for (const key in state) {
    const v = state[key]!;
    numbers += typeof v === 'number' ? 1 : v.length;
  }
  return STREAM_OVERHEAD_BYTES + 8 * numbers;
}

/**
 * Bytes a stream of this indicator with these parameters holds (its state grows with windows and
 * periods: an SMA(100000) keeps 100,000 values). Validates the parameters as createStream does.
 */
export function streamStateBytes(id: string, params?: ParamsArg): number {
  const def = getIndicator(id);
  return stateBytes(def.stream.init(resolveParams(def, params)));
}

export function createStream(id: string, params?: ParamsArg): IndicatorStream {
  const def = getIndicator(id);
  return new IndicatorStream(def, resolveParams(def, params));
}

/** Resumes a stream from snapshot(); the snapshot is checked against the indicator's state shape. */
export function restoreStream(snapshot: StreamSnapshot): IndicatorStream {
  if (snapshot === null || typeof snapshot !== 'object' || snapshot.version !== 1) {
    throw new IndicatorError('INVALID_STATE', 'snapshot', 'not a stream snapshot (version 1)');
  }
  const def = getIndicator(snapshot.id);
  const params = resolveParams(def, snapshot.params);
  const shape = def.stream.init(params);
  const state = snapshot.state;
  if (state === null || typeof state !== 'object') throw new IndicatorError('INVALID_STATE', 'snapshot.state', 'state must be an object');
  for (const [key, expected] of Object.entries(shape)) {
    const v = state[key];
    const path = `snapshot.state.${key}`;
    if (Array.isArray(expected)) {
      if (!Array.isArray(v) || v.length !== expected.length || !v.every((e) => typeof e === 'number' && Number.isFinite(e))) {
        throw new IndicatorError('INVALID_STATE', path, `${key} must be ${expected.length} finite numbers`);
      }
    } else if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new IndicatorError('INVALID_STATE', path, `${key} must be a finite number`);
    }
  }
  const extra = Object.keys(state).find((k) => !(k in shape));
  if (extra) throw new IndicatorError('INVALID_STATE', `snapshot.state.${extra}`, `unexpected state field "${extra}"`);
  if (!Number.isInteger(snapshot.bars) || snapshot.bars < 0) throw new IndicatorError('INVALID_STATE', 'snapshot.bars', 'bars must be a non-negative integer');
  return new IndicatorStream(def, params, cloneState(state), snapshot.bars);
}
