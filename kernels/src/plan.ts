import type { KernelExport } from './wasm/module.ts';
import type { IndicatorDefinition, Params } from './types.ts';

/** The parameters of a call that gives none. */
export const NO_PARAMS: Readonly<Record<string, number | undefined>> = Object.freeze({});

/**
 * What a call of one indicator needs that does not change between calls, worked out once per
 * definition: its WebAssembly exports, a reusable argument list, and the last parameters resolved
 * (a call with the same values gets the same frozen object back, with no validation allocations).
 */
export class CallPlan {
  readonly def: IndicatorDefinition;
  readonly inputCount: number;
  readonly outputCount: number;
  readonly outputNames: readonly string[];
  readonly single: KernelExport | undefined;
  readonly panel: KernelExport | undefined;
  /**
   * `<id>_checked`: the single-series kernel checking every input value on its way (off its serial
   * chain, where a separate pass would cost a read of every input); returns 1 when all are finite.
   */
  readonly checked: KernelExport | undefined;
  /**
   * The outputs record ({ [outputNames[k]]: arrays[k] }) as an object literal compiled once per
   * indicator: one function filling names for every indicator made its stores megamorphic (30 against
   * 10 ns a call for three outputs, indicators alternating). The names are the registry's, quoted.
   */
  readonly record: (arrays: readonly Float64Array[]) => Record<string, Float64Array>;
  /** A call's input series and fresh outputs, in registry order: reused by every call, emptied after it when long (compute.ts, KEPT_MAX_VALUES). */
  readonly series: Float64Array[];
  readonly outs: Float64Array[];
  /** A call's caller-owned output arrays, in registry order: reused like `outs`. */
  readonly given: Float64Array[];
  /** Output arrays the plan owns, for a loop whose results reach the caller's buffers only if it succeeds. */
  private scratchBuffers: Float64Array[] | undefined;
  private scratch: Float64Array[] = [];
  private scratchLength = -1;
  /** Kernel arguments: input pointers, output pointers, n, [count], parameters. Reused by every call. */
  private readonly args: number[];
  /** How many arguments a single-series kernel takes. */
  private readonly singleCount: number;
  private lastParams: Params | undefined;
  /** lastParams' values in the definition's order, for the kernels' arguments. */
  private lastValues: number[] = [];
  /** Whether lastParams are the defaults, known from a call that gave none (NO_PARAMS). */
  private defaultsAreLast = false;
  private lastLookback = 0;

  constructor(def: IndicatorDefinition, exports: Record<string, KernelExport | undefined> | undefined) {
    this.def = def;
    this.inputCount = def.inputs.length;
    this.outputCount = def.outputs.length;
    this.outputNames = def.outputs.map((o) => o.name);
    this.single = exports?.[def.id];
    this.panel = exports?.[`${def.id}_panel`];
    this.checked = exports?.[`${def.id}_checked`];
    this.record = new Function('a', `return { ${this.outputNames.map((name, k) => `${JSON.stringify(name)}: a[${k}]`).join(', ')} };`) as CallPlan['record'];
    this.series = new Array<Float64Array>(this.inputCount);
    this.outs = new Array<Float64Array>(this.outputCount);
    this.given = new Array<Float64Array>(this.outputCount);
    this.singleCount = this.inputCount + this.outputCount + 1 + def.params.length;
    this.args = new Array<number>(this.inputCount + this.outputCount + 2 + def.params.length).fill(0);
  }

  /** One array of n values per output (n <= capacity), owned by the plan and overwritten by its next use. */
  scratchOutputs(n: number, capacity: number): Float64Array[] {
    if (n !== this.scratchLength) {
      this.scratchBuffers ??= Array.from({ length: this.outputCount }, () => new Float64Array(capacity));
      this.scratch = this.scratchBuffers.map((b) => b.subarray(0, n));
      this.scratchLength = n;
    }
    return this.scratch;
  }

  /** `params` when it equals the last resolved parameters (same values), else undefined. */
  cached(params: Readonly<Record<string, number | undefined>>): Params | undefined {
    const last = this.lastParams;
    if (last === undefined) return undefined;
    // The kept object itself (a result's params passed back), or no parameters again: nothing to compare.
    if (params === last || (params === NO_PARAMS && this.defaultsAreLast)) return last;
    const defs = this.def.params;
    const values = this.lastValues;
    // A for-in walk reads each value through the object's own key order (V8's enum cache), where a
    // load by each definition's name was a megamorphic lookup once several indicators are in use.
    let given = 0;
    for (const name in params) {
      let i = 0;
      while (i < defs.length && defs[i]!.name !== name) i++;
      // Unknown keys, and keys set to undefined (never equal to a kept number), take the full check.
      if (i === defs.length || params[name] !== values[i]) return undefined;
      given |= 1 << i;
    }
    for (let i = 0; i < defs.length; i++) {
      if ((given & (1 << i)) === 0 && values[i] !== defs[i]!.default) return undefined;
    }
    if (params === NO_PARAMS) this.defaultsAreLast = true;
    return last;
  }

  /** Keeps `params` (frozen) as the last resolved parameters and returns the kept object; `given` is what the caller passed. */
  remember(params: Params, given: Readonly<Record<string, number | undefined>>): Params {
    const kept = Object.isFrozen(params) ? params : Object.freeze({ ...params });
    this.lastParams = kept;
    this.lastValues = this.def.params.map((d) => kept[d.name]!);
    this.defaultsAreLast = given === NO_PARAMS;
    this.lastLookback = this.def.lookback(kept);
    return kept;
  }

  /** Writes the parameters' values, in the definition's order, into `a` from index `i`; returns the next index. */
  private paramArgs(a: number[], i: number, params: Params): number {
    const defs = this.def.params;
    if (params === this.lastParams) {
      const values = this.lastValues;
      for (let p = 0; p < values.length; p++) a[i++] = values[p]!;
    } else {
      for (let p = 0; p < defs.length; p++) a[i++] = params[defs[p]!.name]!;
    }
    return i;
  }

  lookback(params: Params): number {
    return params === this.lastParams ? this.lastLookback : this.def.lookback(params);
  }

  /** Runs the single-series kernel on arrays laid out back to back: input j at inBase + j*stride, output k at outBase + k*stride. */
  runSingle(inBase: number, outBase: number, stride: number, n: number, params: Params): void {
    call(this.single!, this.singleArgs(inBase, outBase, stride, n, params), this.singleCount);
  }

  /** runSingle with the `checked` kernel: whether every input value was finite (if not, the outputs are unspecified). */
  runChecked(inBase: number, outBase: number, stride: number, n: number, params: Params): boolean {
    return call(this.checked!, this.singleArgs(inBase, outBase, stride, n, params), this.singleCount) === 1;
  }

  private singleArgs(inBase: number, outBase: number, stride: number, n: number, params: Params): number[] {
    const a = this.args;
    let i = 0;
    for (let j = 0; j < this.inputCount; j++) a[i++] = inBase + j * stride;
    for (let k = 0; k < this.outputCount; k++) a[i++] = outBase + k * stride;
    a[i++] = n;
    this.paramArgs(a, i, params);
    return a;
  }

  /** Runs the lane-parallel panel kernel: series s of input j at inBase + j*stride + s*n*8. */
  runPanel(inBase: number, outBase: number, stride: number, n: number, count: number, params: Params): void {
    const a = this.args;
    let i = 0;
    for (let j = 0; j < this.inputCount; j++) a[i++] = inBase + j * stride;
    for (let k = 0; k < this.outputCount; k++) a[i++] = outBase + k * stride;
    a[i++] = n;
    a[i++] = count;
    call(this.panel!, a, this.paramArgs(a, i, params));
  }
}

/** Calls a kernel with the first `count` arguments of `a`, without spreading or apply; returns what it returns. */
function call(f: KernelExport, a: number[], count: number): number | undefined {
  switch (count) {
    case 3: return f(a[0]!, a[1]!, a[2]!);
    case 4: return f(a[0]!, a[1]!, a[2]!, a[3]!);
    case 5: return f(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!);
    case 6: return f(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!);
    case 7: return f(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!);
    case 8: return f(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!);
    case 9: return f(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!, a[8]!);
    case 10: return f(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!, a[8]!, a[9]!);
    default: return f(...a.slice(0, count));
  }
}
