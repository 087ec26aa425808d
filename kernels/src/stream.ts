import { withDerived } from './define.ts';
import { InvalidInputError, IndicatorError } from './errors.ts';
import { getIndicator } from './registry.ts';
import { copyState, readState, stateBytes } from './state.ts';
import type { IndicatorDefinition, InputName, Params, StreamKernel, StreamState } from './types.ts';
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

/** Fixed cost of a stream object and its state records, beside 8 bytes per state number. */
const STREAM_OVERHEAD_BYTES = 512;

function cloneState(state: StreamState): StreamState {
  const copy: StreamState = {};
  for (const key of Object.keys(state)) {
    const v = state[key]!;
    copy[key] = typeof v === 'number' ? v : v.slice();
  }
  return copy;
}

/**
 * An indicator updated bar by bar; its outputs equal the batch computation's, bar for bar.
 *
 * - `update(x0, x1, ...)`: the numeric form, inputs in the indicator's input order (`update(close)`,
 *   `update(high, low, close)`): commits the bar and returns the first output; every output is in
 *   `values`. Allocates nothing.
 * - `update({ close })`: the object form; returns a new `{ output: value }` object.
 * - `peek(...)`: either form; the outputs if the forming bar closed at these prices, state untouched.
 *
 * Outputs are NaN while warming up. A bad bar throws an InvalidInputError and commits nothing.
 */
export class IndicatorStream {
  readonly id: string;
  readonly params: Params;
  /** The outputs after the last update or peek, in the indicator's output order (see `outputNames`). Reused. */
  readonly values: Float64Array;
  readonly outputNames: readonly string[];
  readonly inputNames: readonly InputName[];
  private readonly def: IndicatorDefinition;
  private readonly kernel: StreamKernel;
  /** `params` plus the stream's derived constants. */
  private readonly context: Params;
  private state: StreamState;
  /** Scratch state that peek updates (a copy of `state`), so peeking allocates nothing. */
  private scratch: StreamState | undefined;
  private readonly stateKeys: readonly string[];
  private count: number;
  private readonly bar: Float64Array;

  constructor(def: IndicatorDefinition, params: Params, state?: StreamState, bars = 0) {
    this.def = def;
    this.id = def.id;
    this.params = params;
    this.kernel = def.stream;
    this.context = withDerived(def.stream, params);
    this.state = state ?? def.stream.init(params);
    this.stateKeys = Object.keys(this.state);
    this.scratch = undefined;
    this.count = bars;
    this.bar = new Float64Array(def.inputs.length);
    this.values = new Float64Array(def.outputs.length);
    this.outputNames = def.outputs.map((o) => o.name);
    this.inputNames = def.inputs;
  }

  /** Bars committed so far. */
  get bars(): number {
    return this.count;
  }

  /** Bytes this stream's state holds: what a server budgets per open stream. */
  get stateBytes(): number {
    return stateBytes(this.state, STREAM_OVERHEAD_BYTES);
  }

  update(bar: Bar): Record<string, number>;
  update(x0: number, x1?: number, x2?: number, x3?: number, x4?: number): number;
  update(a: Bar | number, b?: number, c?: number, d?: number, e?: number): Record<string, number> | number {
    if (typeof a !== 'object') {
      this.loadValues(a, b, c, d, e);
      this.kernel.update(this.state, this.bar, this.values, this.context);
      this.count++;
      return this.values[0]!;
    }
    this.loadBar(a);
    this.kernel.update(this.state, this.bar, this.values, this.context);
    this.count++;
    return this.outputs();
  }

  peek(bar: Bar): Record<string, number>;
  peek(x0: number, x1?: number, x2?: number, x3?: number, x4?: number): number;
  peek(a: Bar | number, b?: number, c?: number, d?: number, e?: number): Record<string, number> | number {
    const numeric = typeof a !== 'object';
    if (numeric) this.loadValues(a, b, c, d, e);
    else this.loadBar(a);
    const scratch = (this.scratch ??= cloneState(this.state));
    copyState(scratch, this.state, this.stateKeys);
    this.kernel.update(scratch, this.bar, this.values, this.context);
    return numeric ? this.values[0]! : this.outputs();
  }

  /**
   * Commits a chunk of bars (inputs as for compute()) and returns their outputs, aligned with the
   * chunk. A bad value anywhere rejects the whole chunk before any bar is committed.
   */
  updateMany(inputs: InputsArg): Record<string, Float64Array> {
    const series = resolveInputs(this.def, inputs);
    const n = series[0]!.length;
    const outs = this.def.outputs.map(() => new Float64Array(n));
    const bar = this.bar;
    const values = this.values;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < series.length; j++) bar[j] = series[j]![i]!;
      this.kernel.update(this.state, bar, values, this.context);
      for (let k = 0; k < outs.length; k++) outs[k]![i] = values[k]!;
    }
    this.count += n;
    const res: Record<string, Float64Array> = {};
    this.outputNames.forEach((name, k) => (res[name] = outs[k]!));
    return res;
  }

  snapshot(): StreamSnapshot {
    return { version: 1, id: this.id, params: { ...this.params }, bars: this.count, state: cloneState(this.state) };
  }

  /** The numeric form's inputs into `bar`, each checked with one comparison (finite numbers only). */
  private loadValues(a: number, b: number | undefined, c: number | undefined, d: number | undefined, e: number | undefined): void {
    const bar = this.bar;
    const n = bar.length;
    let ok = typeof a === 'number' && a - a === 0;
    bar[0] = a;
    if (n > 1) {
      ok = ok && typeof b === 'number' && b - b === 0;
      bar[1] = b!;
      if (n > 2) {
        ok = ok && typeof c === 'number' && c - c === 0;
        bar[2] = c!;
        if (n > 3) {
          ok = ok && typeof d === 'number' && d - d === 0;
          bar[3] = d!;
          if (n > 4) {
            ok = ok && typeof e === 'number' && e - e === 0;
            bar[4] = e!;
          }
        }
      }
    }
    if (!ok) throw this.badValues([a, b, c, d, e]);
  }

  private badValues(values: unknown[]): InvalidInputError {
    const names = this.def.inputs;
    for (let j = 0; j < names.length; j++) {
      const v = values[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) return this.badField(names[j]!, v);
    }
    return new InvalidInputError('INVALID_BAR', 'bar', `a bar must be ${names.join(', ')}`);
  }

  private loadBar(bar: Bar): void {
    if (bar === null || typeof bar !== 'object') {
      throw new InvalidInputError('INVALID_BAR', 'bar', `a bar must be an object with ${this.def.inputs.join(', ')}`);
    }
    const names = this.def.inputs;
    let fields = 0;
    for (const _ in bar) fields++;
    // Check every field before writing any, so a bad bar leaves nothing behind.
    for (let j = 0; j < names.length; j++) {
      const v: unknown = bar[names[j]!];
      if (typeof v !== 'number' || v - v !== 0) throw this.badField(names[j]!, v);
    }
    if (fields !== names.length) {
      const extra = Object.keys(bar).find((key) => !names.includes(key as InputName));
      if (extra !== undefined) {
        throw new InvalidInputError('UNEXPECTED_INPUT', `bar.${extra}`, `unexpected field "${extra}" for ${this.id}; expected ${names.join(', ')}`);
      }
    }
    for (let j = 0; j < names.length; j++) this.bar[j] = bar[names[j]!]!;
  }

  private badField(name: string, v: unknown): InvalidInputError {
    if (v === undefined) return new InvalidInputError('MISSING_INPUT', `bar.${name}`, `missing "${name}" in the bar`);
    return new InvalidInputError('NON_FINITE_INPUT', `bar.${name}`, `bar field "${name}" must be a finite number, got ${String(v)}`);
  }

  private outputs(): Record<string, number> {
    const res: Record<string, number> = {};
    const names = this.outputNames;
    for (let k = 0; k < names.length; k++) res[names[k]!] = this.values[k]!;
    return res;
  }
}

export function createStream(id: string, params?: ParamsArg): IndicatorStream {
  const def = getIndicator(id);
  return new IndicatorStream(def, resolveParams(def, params));
}

/**
 * Bytes a stream of this indicator with these parameters holds (its state grows with windows and
 * periods: an SMA(100000) keeps 100,000 values). Validates the parameters as createStream does.
 */
/** Numbers one update of this stream touches (1 for constant work per bar; see IndicatorDefinition.streamWork). */
export function streamWorkPerBar(id: string, params?: ParamsArg): number {
  const def = getIndicator(id);
  return def.streamWork ? Math.max(1, def.streamWork(resolveParams(def, params))) : 1;
}

export function streamStateBytes(id: string, params?: ParamsArg): number {
  const def = getIndicator(id);
  return stateBytes(def.stream.init(resolveParams(def, params)), STREAM_OVERHEAD_BYTES);
}

/**
 * Resumes a stream from snapshot(). Every state field is checked against the indicator's state spec
 * and the relations between its fields, so a tampered snapshot is refused (INVALID_STATE, naming
 * the field) rather than resumed into a state no sequence of bars could reach.
 */
export function restoreStream(snapshot: StreamSnapshot): IndicatorStream {
  if (snapshot === null || typeof snapshot !== 'object' || snapshot.version !== 1) {
    throw new IndicatorError('INVALID_STATE', 'snapshot', 'not a stream snapshot (version 1)');
  }
  if (typeof snapshot.id !== 'string') throw new IndicatorError('INVALID_STATE', 'snapshot.id', 'id must be a string');
  const def = getIndicator(snapshot.id);
  const params = resolveParams(def, snapshot.params);
  if (!Number.isSafeInteger(snapshot.bars) || snapshot.bars < 0) {
    throw new IndicatorError('INVALID_STATE', 'snapshot.bars', 'bars must be a non-negative integer');
  }
  const state = readState(def.stream, params, snapshot.state, snapshot.bars);
  return new IndicatorStream(def, params, state, snapshot.bars);
}
