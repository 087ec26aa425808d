import { IndicatorError, InvalidInputError } from './errors.ts';
import { freshArrays, POOLED_MAX_BYTES } from './outputs.ts';
import { CallPlan, NO_PARAMS } from './plan.ts';
import { getIndicator } from './registry.ts';
import { IndicatorStream } from './stream.ts';
import type { IndicatorDefinition, Params } from './types.ts';
import { checkFinite, lengthMismatch, nonFinite, notANumber, notASeries, resolveInputs, resolveParams, type InputsArg, type ParamsArg } from './validate.ts';
import { loadKernels, type KernelKind, type KernelStatus, type WasmKernels } from './wasm/module.ts';

const loaded = loadKernels();
const wasm: WasmKernels | undefined = loaded.wasm;
const firstNonFinite = wasm?.exports.firstNonFinite as ((ptr: number, n: number) => number) | undefined;

/** The process's WebAssembly module (undefined without SIMD support): for the pattern scanner. */
export function wasmModule(): WasmKernels | undefined {
  return wasm;
}

/** Which kernels this process uses, and why. */
export function kernelStatus(): KernelStatus {
  return { ...loaded.status };
}

export type OutputBuffers = Partial<Record<string, Float64Array>>;

export interface ComputeOptions {
  /** Caller-owned output arrays (length = input length), written in place instead of allocating. */
  outputs?: OutputBuffers;
  /** Force an implementation; defaults to the process's (see kernelStatus()). */
  kernel?: KernelKind;
  /**
   * Also return a stream positioned after the last bar, to continue with update() (seeding from
   * history in one call). Its state is built by the stream formulation, at reference-kernel speed.
   */
  withStream?: boolean;
}

export interface ComputeResult {
  id: string;
  /** The resolved parameters (defaults applied); frozen, and shared by calls with the same values. */
  params: Params;
  /** Leading outputs that are NaN. */
  lookback: number;
  /**
   * One array per output, aligned with the input. Small calls' fresh outputs are views of pooled
   * buffers: `.buffer` may hold other results (see README).
   */
  outputs: Record<string, Float64Array>;
  kernel: KernelKind;
  /** With `withStream`: the stream after the last bar. */
  stream?: IndicatorStream;
}

const plans = new Map<string, CallPlan>();
/** The plan of the last id asked for: calls in a row for one indicator skip the map. */
let lastPlan: CallPlan | undefined;

function planFor(id: string): CallPlan {
  if (lastPlan !== undefined && lastPlan.def.id === id) return lastPlan;
  let plan = plans.get(id);
  if (plan === undefined) {
    plan = new CallPlan(getIndicator(id), wasm?.exports);
    plans.set(id, plan);
  }
  lastPlan = plan;
  return plan;
}

/** The resolved parameters: the plan's remembered object when the values are the same, else checked in full. */
function paramsFor(plan: CallPlan, params: ParamsArg | undefined): Params {
  const given = params === undefined ? NO_PARAMS : params;
  if (given !== null && typeof given === 'object') {
    const same = plan.cached(given);
    if (same !== undefined) return same;
  }
  return plan.remember(resolveParams(plan.def, given), given);
}

function chooseKernel(requested: KernelKind | undefined): KernelKind {
  if (requested === undefined) return loaded.status.kernel;
  if (requested === 'wasm-simd' && !wasm) {
    throw new IndicatorError('KERNEL_UNAVAILABLE', 'kernel', `WebAssembly SIMD kernels unavailable: ${loaded.status.reason}`);
  }
  return requested;
}

function checkOutputBuffer(name: string, buf: unknown, n: number): Float64Array {
  if (!(buf instanceof Float64Array) || buf.length !== n) {
    throw new IndicatorError('INVALID_OUTPUT_BUFFER', `outputs.${name}`, `output buffer "${name}" must be a Float64Array of length ${n}`);
  }
  return buf;
}

/** The caller's output arrays in registry order (checked), in the plan's reused array; undefined when none were given. */
function callerOutputs(plan: CallPlan, n: number, given: OutputBuffers | undefined): Float64Array[] | undefined {
  if (given === undefined) return undefined;
  const names = plan.outputNames;
  const outs = plan.given;
  for (let k = 0; k < names.length; k++) {
    const buf = given[names[k]!];
    // An output left out is allocated; only the given ones are the caller's.
    outs[k] = buf === undefined ? new Float64Array(n) : checkOutputBuffer(names[k]!, buf, n);
  }
  return outs;
}

/** The outputs record; the plan's reused arrays are emptied when the arrays are long, so they keep no large result alive. */
function named(plan: CallPlan, arrays: Float64Array[]): Record<string, Float64Array> {
  const record = plan.record(arrays);
  if ((arrays === plan.outs || arrays === plan.given) && arrays[0]!.length > KEPT_MAX_VALUES) empty(arrays);
  return record;
}

/**
 * Series of up to this many values may stay referenced by a plan's reused arrays until its next call
 * (at most a pooled output block and a few 8 KiB inputs or caller outputs per indicator); longer ones
 * are dropped at once. Emptying costs 10-20 ns a call, Array.prototype.fill 80-110 (measured in
 * bench:peers at 100 bars). A loop indicator called with caller outputs also keeps one scratch array
 * of this many values per output (plan.scratchOutputs).
 */
const KEPT_MAX_VALUES = POOLED_MAX_BYTES / 8;
const EMPTY = new Float64Array(0);

function empty(arrays: Float64Array[]): void {
  for (let k = 0; k < arrays.length; k++) arrays[k] = EMPTY;
}

/**
 * Computes one indicator over one series. Inputs are Float64Array or number[]; outputs are aligned
 * with the input, NaN in the first `lookback` positions. A series of length <= lookback gives all NaN.
 */
export function compute(id: string, inputs: InputsArg, params?: ParamsArg, options?: ComputeOptions): ComputeResult {
  const plan = planFor(id);
  const resolved = paramsFor(plan, params);
  const kernel = chooseKernel(options?.kernel);
  if (options?.withStream) return computeWithStream(plan, inputs, resolved, kernel, options.outputs);
  if (options?.kernel === undefined && plan.def.loop !== undefined) {
    const looped = runLoop(plan, inputs, options?.outputs, resolved);
    if (looped) return { id: plan.def.id, params: resolved, lookback: plan.lookback(resolved), outputs: named(plan, looped), kernel: 'typescript' };
  }
  const outputs = kernel === 'wasm-simd' ? runWasm(plan, inputs, options?.outputs, resolved) : runReference(plan, inputs, options?.outputs, resolved);
  return { id: plan.def.id, params: resolved, lookback: plan.lookback(resolved), outputs: named(plan, outputs), kernel };
}

/**
 * The definition's TypeScript loop (see loop.ts) on Float64Array inputs, or undefined when an input
 * is not a Float64Array of the common length (the other paths then check and convert it) or the series
 * is longer than the definition's lookback + loopMaxOutputs, or when the loop's check failed on finite
 * inputs (an overflow). Values are checked inside the loop; into the caller's buffers they are checked
 * first, so a refused call leaves those buffers untouched.
 */
function runLoop(plan: CallPlan, inputs: InputsArg, given: OutputBuffers | undefined, params: Params): Float64Array[] | undefined {
  const n = seriesLength(plan, inputs);
  const extra = plan.def.loopMaxOutputs;
  if (extra !== undefined && n > plan.lookback(params) + extra) return undefined;
  const names = plan.def.inputs;
  for (let j = 0; j < names.length; j++) {
    const s = inputs[names[j]!];
    if (!(s instanceof Float64Array) || s.length !== n) return undefined;
  }
  const own = callerOutputs(plan, n, given);
  let outs: Float64Array[];
  if (own === undefined) {
    outs = plan.outs;
    freshArrays(plan.outputCount, n, outs);
  } else if (n <= KEPT_MAX_VALUES) {
    // Into the plan's scratch, copied to the caller's buffers once the loop has found every input finite:
    // cheaper than a check pass over every input first (ATR at 100 bars: 3 of them against 1 copy).
    outs = plan.scratchOutputs(n, KEPT_MAX_VALUES);
  } else {
    for (let j = 0; j < names.length; j++) checkFinite(inputs[names[j]!] as Float64Array, names[j]!);
    outs = own;
  }
  // The plan's reused arrays keep no long series of the caller's, nor a result not returned, alive.
  const series = plan.series;
  for (let j = 0; j < names.length; j++) series[j] = inputs[names[j]!] as Float64Array;
  const finite = plan.def.loop!(series, outs, params);
  if (n > KEPT_MAX_VALUES) empty(series);
  if (!finite) {
    if (outs === plan.outs) empty(outs);
    for (let j = 0; j < names.length; j++) checkFinite(inputs[names[j]!] as Float64Array, names[j]!);
    // Every input is finite: a loop that checks what it computes saw finite values overflow (the
    // price transforms' sums past 1.8e308). The other paths compute those exactly as the reference does.
    return undefined;
  }
  if (own !== undefined && outs !== own) {
    for (let k = 0; k < own.length; k++) own[k]!.set(outs[k]!);
    return own;
  }
  return outs;
}

function computeWithStream(plan: CallPlan, inputs: InputsArg, params: Params, kernel: KernelKind, given: OutputBuffers | undefined): ComputeResult {
  const def = plan.def;
  const series = resolveInputs(def, inputs);
  const stream = new IndicatorStream(def, params);
  const res = stream.updateMany(Object.fromEntries(def.inputs.map((name, j) => [name, series[j]!])));
  let outs: Float64Array[];
  if (kernel === 'wasm-simd') {
    outs = runWasm(plan, inputs, given, params);
  } else {
    outs = def.outputs.map((o) => res[o.name]!);
    const own = callerOutputs(plan, series[0]!.length, given);
    if (own) outs = own.map((buf, k) => (buf.set(outs[k]!), buf));
  }
  return { id: def.id, params, lookback: plan.lookback(params), outputs: named(plan, outs), kernel, stream };
}

function runReference(plan: CallPlan, inputs: InputsArg, given: OutputBuffers | undefined, params: Params): Float64Array[] {
  const series = resolveInputs(plan.def, inputs);
  const n = series[0]!.length;
  let outs = callerOutputs(plan, n, given);
  if (outs === undefined) {
    outs = plan.outs;
    freshArrays(plan.outputCount, n, outs);
  }
  plan.def.reference(series, outs, params);
  return outs;
}

/** Scratch block reused by every copying call; it only grows. */
let scratchPtr = -1;
let scratchBytes = 0;

function scratch(bytes: number): number {
  const m = wasm!.memory;
  if (bytes > scratchBytes || scratchPtr < 0) {
    if (scratchPtr >= 0) m.release(scratchPtr);
    scratchBytes = Math.max(bytes, 64);
    scratchPtr = m.alloc(scratchBytes);
  }
  return scratchPtr;
}

/**
 * The series length of `inputs`, after checking it holds exactly the indicator's inputs (the
 * precise error, when it does not, comes from resolveInputs). Values are checked while copying.
 */
function seriesLength(plan: CallPlan, inputs: InputsArg): number {
  const def = plan.def;
  let ok = inputs !== null && typeof inputs === 'object';
  if (ok) {
    let keys = 0;
    for (const _ in inputs) keys++;
    ok = keys === plan.inputCount;
    for (let j = 0; ok && j < plan.inputCount; j++) ok = inputs[def.inputs[j]!] !== undefined;
  }
  if (!ok) resolveInputs(def, inputs, false);
  const first: unknown = inputs[def.inputs[0]!];
  if (!(first instanceof Float64Array) && !Array.isArray(first)) throw notASeries(def.inputs[0]!);
  return first.length;
}

/** Copies input `name` into the heap at double index `at` (n values), checking its type and length. */
function copyIn(plan: CallPlan, name: string, series: unknown, heap: Float64Array, at: number, n: number): void {
  if (series instanceof Float64Array) {
    if (series.length !== n) throw lengthMismatch(plan.def, name, series.length, n);
    heap.set(series, at);
    return;
  }
  if (!Array.isArray(series)) throw notASeries(name);
  if (series.length !== n) throw lengthMismatch(plan.def, name, series.length, n);
  for (let i = 0; i < n; i++) {
    const v: unknown = series[i];
    if (typeof v !== 'number') throw notANumber(name, i, v);
    heap[at + i] = v;
  }
}

const noPrefix = () => '';
const panelPrefix = (s: number) => `panel[${s}].`;
const seriesPrefix = (s: number) => `series[${s}].`;

/**
 * Copies one series into WebAssembly memory, checks it, runs the kernel, and copies the outputs out:
 * into the caller's buffers, or into fresh arrays (see outputs.ts; one copy when they are pooled).
 */
function runWasm(plan: CallPlan, inputs: InputsArg, given: OutputBuffers | undefined, params: Params): Float64Array[] {
  const n = seriesLength(plan, inputs);
  const own = callerOutputs(plan, n, given);
  const nIn = plan.inputCount;
  const nOut = plan.outputCount;
  const stride = n * 8;
  const base = scratch(stride * (nIn + nOut));
  const m = wasm!.memory;
  const heap = m.heap;
  const names = plan.def.inputs;
  for (let j = 0; j < nIn; j++) copyIn(plan, names[j]!, inputs[names[j]!], heap, (base + j * stride) >> 3, n);
  const outBase = base + nIn * stride;
  runCheckedSingle(plan, base, outBase, stride, n, params);
  const from = outBase >> 3;
  let outs = own;
  if (outs === undefined) {
    outs = plan.outs;
    const region = freshArrays(nOut, n, outs);
    if (region !== undefined) {
      region.set(m.doubles(from, nOut * n));
      return outs;
    }
  }
  // m.doubles keeps its last view: a one-output indicator called again at the same size makes none.
  for (let k = 0; k < nOut; k++) outs[k]!.set(m.doubles(from + k * n, n));
  return outs;
}

/**
 * Checks the inputs (back to back at inBase) and runs the single-series kernel: in one pass when the
 * kernel checks its inputs itself (`<id>_checked`), else a check pass first. Throws the input error.
 */
function runCheckedSingle(plan: CallPlan, inBase: number, outBase: number, stride: number, n: number, params: Params): void {
  if (plan.checked === undefined) {
    checkFiniteInWasm(plan, inBase, n, 1, plan.inputCount, noPrefix);
    plan.runSingle(inBase, outBase, stride, n, params);
    return;
  }
  if (plan.runChecked(inBase, outBase, stride, n, params)) return;
  checkFiniteInWasm(plan, inBase, n, 1, plan.inputCount, noPrefix);
  throw new Error(`${plan.def.id}: the checked kernel reported a non-finite input that the check did not find`);
}

export interface PanelResult {
  id: string;
  params: Params;
  lookback: number;
  /** outputs[s] holds series s's outputs. */
  outputs: Record<string, Float64Array>[];
  kernel: KernelKind;
}

/** Runs the kernel over `count` series laid out as in a panel: the lane-parallel kernel if there is one, else one call per series. */
function runSeries(plan: CallPlan, inBase: number, outBase: number, stride: number, n: number, count: number, params: Params, asPanel: boolean): void {
  if (plan.panel && (count > 1 || asPanel)) {
    plan.runPanel(inBase, outBase, stride, n, count, params);
    return;
  }
  if (!plan.single) throw new Error(`the WebAssembly module has no kernel for ${plan.def.id}; rebuild with npm run build`);
  for (let s = 0; s < count; s++) plan.runSingle(inBase + s * n * 8, outBase + s * n * 8, stride, n, params);
}

/**
 * One indicator over many series of equal length in one call (many symbols at once). Recurrences
 * (EMA, RSI, MACD) run with series side by side in SIMD lanes, repeating the reference kernel's
 * operations exactly (so they equal the TypeScript reference bit for bit, and single-series
 * WebAssembly calls to within their documented tolerance); the others run the single-series kernel
 * per series.
 */
export function computePanel(id: string, panel: readonly InputsArg[], params?: ParamsArg, options: { kernel?: KernelKind } = {}): PanelResult {
  const plan = planFor(id);
  const def = plan.def;
  const resolved = paramsFor(plan, params);
  if (!Array.isArray(panel) || panel.length === 0) {
    throw new InvalidInputError('INVALID_PANEL', 'panel', 'a panel needs a non-empty array of series');
  }
  const kernel = chooseKernel(options.kernel);
  const all = panel.map((inputs, s) => {
    try {
      return resolveInputs(def, inputs, kernel === 'typescript');
    } catch (err) {
      if (err instanceof IndicatorError) throw new InvalidInputError(err.code, `panel[${s}].${err.path}`, `series ${s}: ${err.message}`);
      throw err;
    }
  });
  const n = all[0]![0]!.length;
  all.forEach((series, s) => {
    if (series[0]!.length !== n) {
      throw new InvalidInputError('INVALID_PANEL', `panel[${s}]`, `series ${s} has ${series[0]!.length} values but series 0 has ${n}; a panel needs equal lengths`);
    }
  });
  const count = all.length;
  const nOut = plan.outputCount;
  const arrays: Float64Array[] = [];
  freshArrays(count * nOut, n, arrays);
  // Series s's outputs are arrays s*nOut .. s*nOut + nOut - 1 of the block.
  const results = all.map((_, s) => arrays.slice(s * nOut, (s + 1) * nOut));
  if (kernel === 'typescript') {
    all.forEach((series, s) => def.reference(series, results[s]!, resolved));
  } else {
    const stride = n * count * 8;
    const base = scratch(stride * (plan.inputCount + nOut));
    const heap = wasm!.memory.heap;
    for (let j = 0; j < plan.inputCount; j++) {
      for (let s = 0; s < count; s++) heap.set(all[s]![j]!, (base + j * stride + s * n * 8) >> 3);
    }
    checkFiniteInWasm(plan, base, n, count, plan.inputCount, count > 1 ? panelPrefix : noPrefix);
    const outBase = base + plan.inputCount * stride;
    runSeries(plan, base, outBase, stride, n, count, resolved, true);
    for (let k = 0; k < nOut; k++) {
      for (let s = 0; s < count; s++) {
        const from = (outBase + k * stride + s * n * 8) >> 3;
        results[s]![k]!.set(heap.subarray(from, from + n));
      }
    }
  }
  return { id: def.id, params: resolved, lookback: plan.lookback(resolved), outputs: results.map((r) => named(plan, r)), kernel };
}

/**
 * Zero-copy access for large series: inputs and outputs live in WebAssembly memory. Fill
 * `input(name)` in place, call `run(params)`, read `output(name)`. Views are re-created when the
 * memory has grown, so always fetch them through these methods rather than keeping them across calls
 * that allocate. With `count` > 1 the workspace is a panel: series s is `input(name, s)`.
 */
export class Workspace {
  readonly id: string;
  readonly length: number;
  readonly count: number;
  private readonly plan: CallPlan;
  private readonly def: IndicatorDefinition;
  private ptr: number;
  private readonly fallback: Float64Array[] | undefined;

  constructor(id: string, length: number, count = 1) {
    this.plan = planFor(id);
    this.def = this.plan.def;
    if (!Number.isInteger(length) || length < 0) throw new InvalidInputError('INVALID_INPUT_TYPE', 'length', 'length must be a non-negative integer');
    if (!Number.isInteger(count) || count < 1) throw new InvalidInputError('INVALID_PANEL', 'count', 'count must be a positive integer');
    this.id = this.def.id;
    this.length = length;
    this.count = count;
    const arrays = this.def.inputs.length + this.def.outputs.length;
    if (wasm) {
      this.ptr = wasm.memory.alloc(arrays * length * count * 8);
      this.fallback = undefined;
    } else {
      this.ptr = 0;
      this.fallback = Array.from({ length: arrays }, () => new Float64Array(length * count));
    }
  }

  get kernel(): KernelKind {
    return this.fallback ? 'typescript' : 'wasm-simd';
  }

  private view(slot: number, series: number | undefined): Float64Array {
    if (this.ptr < 0) throw new IndicatorError('WORKSPACE_DISPOSED', 'workspace', 'this workspace was disposed');
    const n = this.length;
    const all = series === undefined;
    if (!all && (!Number.isInteger(series) || series! < 0 || series! >= this.count)) {
      throw new InvalidInputError('INVALID_PANEL', 'series', `series index must be in [0, ${this.count})`);
    }
    const from = all ? 0 : series! * n;
    const len = all ? n * this.count : n;
    if (this.fallback) return this.fallback[slot]!.subarray(from, from + len);
    return wasm!.memory.f64(this.ptr + (slot * n * this.count + from) * 8, len);
  }

  input(name: string, series?: number): Float64Array {
    const j = this.def.inputs.indexOf(name as never);
    if (j < 0) throw new InvalidInputError('UNEXPECTED_INPUT', `inputs.${name}`, `${this.id} has no input "${name}"; inputs: ${this.def.inputs.join(', ')}`);
    return this.view(j, series);
  }

  output(name: string, series?: number): Float64Array {
    const k = this.def.outputs.findIndex((o) => o.name === name);
    if (k < 0) throw new IndicatorError('INVALID_OUTPUT_BUFFER', `outputs.${name}`, `${this.id} has no output "${name}"`);
    return this.view(this.def.inputs.length + k, series);
  }

  /** Validates the inputs in place (finite values), runs the kernel, returns the lookback and params. */
  run(params?: ParamsArg): { params: Params; lookback: number } {
    const plan = this.plan;
    const resolved = paramsFor(plan, params);
    if (this.ptr < 0) throw new IndicatorError('WORKSPACE_DISPOSED', 'workspace', 'this workspace was disposed');
    const nIn = plan.inputCount;
    if (this.fallback) {
      this.def.inputs.forEach((name, j) => checkFinite(this.view(j, undefined), name));
      for (let s = 0; s < this.count; s++) {
        const ins = this.def.inputs.map((_, j) => this.view(j, s));
        const outs = this.def.outputs.map((_, k) => this.view(nIn + k, s));
        this.def.reference(ins, outs, resolved);
      }
    } else {
      const n = this.length;
      const stride = n * this.count * 8;
      if (this.count === 1) {
        runCheckedSingle(plan, this.ptr, this.ptr + nIn * stride, stride, n, resolved);
      } else {
        const where = this.count > 1 ? seriesPrefix : noPrefix;
        // Inputs are back to back (slot j at ptr + j * stride): one check covers them all.
        checkFiniteInWasm(plan, this.ptr, n, this.count, nIn, where);
        runSeries(plan, this.ptr, this.ptr + nIn * stride, stride, n, this.count, resolved, this.count > 1);
      }
    }
    return { params: resolved, lookback: plan.lookback(resolved) };
  }

  /** Returns the workspace's memory for reuse. */
  dispose(): void {
    if (this.ptr > 0 && wasm) wasm.memory.release(this.ptr);
    this.ptr = -1;
  }
}

/**
 * Throws for the first NaN or infinity of `inputs` blocks of `count` series of n values each (block j
 * at ptr + j*n*count*8), naming the series when there are several.
 */
function checkFiniteInWasm(plan: CallPlan, ptr: number, n: number, count: number, inputs: number, where: (series: number) => string): void {
  const bad = firstNonFinite!(ptr, n * count * inputs);
  if (bad < 0) return;
  const j = Math.floor(bad / (n * count));
  const within = bad - j * n * count;
  const series = Math.floor(within / n);
  const index = within - series * n;
  const err = nonFinite(plan.def.inputs[j]!, index, wasm!.memory.heap[(ptr >> 3) + bad]!);
  const prefix = where(series);
  throw prefix ? new InvalidInputError(err.code, `${prefix}${err.path}`, `series ${series}: ${err.message}`, index) : err;
}

/** Bytes of WebAssembly linear memory (0 with the TypeScript kernels). */
export function wasmMemoryBytes(): number {
  return wasm ? wasm.memory.byteLength : 0;
}
