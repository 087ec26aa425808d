import { IndicatorError, InvalidInputError } from './errors.ts';
import { getIndicator } from './registry.ts';
import { IndicatorStream } from './stream.ts';
import type { IndicatorDefinition, Params } from './types.ts';
import { checkFinite, nonFinite, resolveInputs, resolveParams, type InputsArg, type ParamsArg } from './validate.ts';
import { loadKernels, type KernelKind, type KernelStatus, type WasmKernels } from './wasm/module.ts';

const loaded = loadKernels();
const wasm: WasmKernels | undefined = loaded.wasm;

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
  params: Params;
  /** Leading outputs that are NaN. */
  lookback: number;
  /** One array per output, aligned with the input. */
  outputs: Record<string, Float64Array>;
  kernel: KernelKind;
  /** With `withStream`: the stream after the last bar. */
  stream?: IndicatorStream;
}

function chooseKernel(requested: KernelKind | undefined): KernelKind {
  if (requested === 'wasm-simd' && !wasm) {
    throw new IndicatorError('KERNEL_UNAVAILABLE', 'kernel', `WebAssembly SIMD kernels unavailable: ${loaded.status.reason}`);
  }
  return requested ?? loaded.status.kernel;
}

function outputArrays(def: IndicatorDefinition, n: number, given: OutputBuffers | undefined): Float64Array[] {
  return def.outputs.map((o) => {
    const buf = given?.[o.name];
    if (buf === undefined) return new Float64Array(n);
    if (!(buf instanceof Float64Array) || buf.length !== n) {
      throw new IndicatorError(
        'INVALID_OUTPUT_BUFFER',
        `outputs.${o.name}`,
        `output buffer "${o.name}" must be a Float64Array of length ${n}`,
      );
    }
    return buf;
  });
}

function named(def: IndicatorDefinition, arrays: Float64Array[]): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  def.outputs.forEach((o, i) => (out[o.name] = arrays[i]!));
  return out;
}

function paramArgs(def: IndicatorDefinition, params: Params): number[] {
  return def.params.map((p) => params[p.name]!);
}

/**
 * Computes one indicator over one series. Inputs are Float64Array or number[]; outputs are aligned
 * with the input, NaN in the first `lookback` positions. A series of length <= lookback gives all NaN.
 */
export function compute(id: string, inputs: InputsArg, params?: ParamsArg, options: ComputeOptions = {}): ComputeResult {
  const def = getIndicator(id);
  const resolved = resolveParams(def, params);
  const kernel = chooseKernel(options.kernel);
  // On the WebAssembly path the values are checked in SIMD after the copy into linear memory.
  const series = resolveInputs(def, inputs, kernel === 'typescript');
  const n = series[0]!.length;
  let outs: Float64Array[];
  if (options.withStream) {
    const stream = new IndicatorStream(def, resolved);
    const res = stream.updateMany(Object.fromEntries(def.inputs.map((name, j) => [name, series[j]!])));
    if (kernel === 'wasm-simd') {
      outs = runWasm(def, series, options.outputs, n, resolved);
    } else {
      outs = def.outputs.map((o) => res[o.name]!);
      if (options.outputs) outs = outputArrays(def, n, options.outputs).map((buf, k) => (buf.set(outs[k]!), buf));
    }
    return { id: def.id, params: resolved, lookback: def.lookback(resolved), outputs: named(def, outs), kernel, stream };
  }
  if (kernel === 'wasm-simd') {
    outs = runWasm(def, series, options.outputs, n, resolved);
  } else {
    outs = outputArrays(def, n, options.outputs);
    def.reference(series, outs, resolved);
  }
  return { id: def.id, params: resolved, lookback: def.lookback(resolved), outputs: named(def, outs), kernel };
}

/** Scratch block reused by every copying call; it only grows. */
let scratchPtr = -1;
let scratchBytes = 0;

function scratch(bytes: number): number {
  const m = wasm!.memory;
  bytes = Math.max(bytes, 64);
  if (bytes > scratchBytes) {
    if (scratchPtr >= 0) m.release(scratchPtr);
    scratchPtr = m.alloc(bytes);
    scratchBytes = bytes;
  }
  return scratchPtr;
}

/** Throws for the first NaN or infinity of each input block (`count` series of n values each). */
function checkFiniteInWasm(def: IndicatorDefinition, inPtrs: number[], n: number, count: number, where: (series: number) => string): void {
  const first = wasm!.exports.firstNonFinite as unknown as (ptr: number, n: number) => number;
  inPtrs.forEach((ptr, j) => {
    const at = first(ptr, n * count);
    if (at < 0) return;
    const series = Math.floor(at / n);
    const index = at - series * n;
    const err = nonFinite(def.inputs[j]!, index, wasm!.memory.f64(ptr, n * count)[at]!);
    throw count > 1 ? new InvalidInputError(err.code, `${where(series)}${err.path}`, `series ${series}: ${err.message}`, index) : err;
  });
}

/**
 * Copies one series in, checks it, runs the kernel, and copies the outputs out: into the caller's
 * buffers, or into new arrays made by slice() (one pass: no zero-fill before the copy).
 */
function runWasm(def: IndicatorDefinition, series: Float64Array[], given: OutputBuffers | undefined, n: number, params: Params): Float64Array[] {
  const callerOwned = given ? outputArrays(def, n, given) : undefined;
  const block = n * 8;
  const base = scratch(block * (def.inputs.length + def.outputs.length));
  const m = wasm!.memory;
  series.forEach((s, j) => m.f64(base + j * block, n).set(s));
  const inPtrs = def.inputs.map((_, j) => base + j * block);
  checkFiniteInWasm(def, inPtrs, n, 1, () => '');
  const outPtrs = def.outputs.map((_, k) => base + (def.inputs.length + k) * block);
  invoke(def, inPtrs, outPtrs, n, 1, params);
  return def.outputs.map((o, k) => {
    const view = m.f64(outPtrs[k]!, n);
    const own = callerOwned?.[k];
    if (!own) return view.slice();
    own.set(view);
    return own;
  });
}

/** Calls the kernel on series laid out contiguously in wasm memory (series s of input j at in[j] + s*n). */
function invoke(def: IndicatorDefinition, inPtrs: number[], outPtrs: number[], n: number, count: number, params: Params, asPanel = false): void {
  const args = paramArgs(def, params);
  const panel = wasm!.exports[`${def.id}_panel`];
  if (panel && (count > 1 || asPanel)) {
    panel(...inPtrs, ...outPtrs, n, count, ...args);
    return;
  }
  const single = wasm!.exports[def.id];
  if (!single) throw new Error(`the WebAssembly module has no kernel for ${def.id}; rebuild with npm run build`);
  for (let s = 0; s < count; s++) {
    const off = s * n * 8;
    single(...inPtrs.map((p) => p + off), ...outPtrs.map((p) => p + off), n, ...args);
  }
}

export interface PanelResult {
  id: string;
  params: Params;
  lookback: number;
  /** outputs[s] holds series s's outputs. */
  outputs: Record<string, Float64Array>[];
  kernel: KernelKind;
}

/**
 * One indicator over many series of equal length in one call (many symbols at once). Recurrences
 * (EMA, RSI, MACD) run with series side by side in SIMD lanes, repeating the reference kernel's
 * operations exactly (so they equal the TypeScript reference bit for bit, and single-series
 * WebAssembly calls to within their documented tolerance); the others run the single-series kernel
 * per series.
 */
export function computePanel(id: string, panel: readonly InputsArg[], params?: ParamsArg, options: { kernel?: KernelKind } = {}): PanelResult {
  const def = getIndicator(id);
  const resolved = resolveParams(def, params);
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
  const results = all.map(() => def.outputs.map(() => new Float64Array(n)));
  if (kernel === 'typescript') {
    all.forEach((series, s) => def.reference(series, results[s]!, resolved));
  } else {
    const block = n * count * 8;
    const base = scratch(block * (def.inputs.length + def.outputs.length));
    const m = wasm!.memory;
    for (let j = 0; j < def.inputs.length; j++) {
      for (let s = 0; s < count; s++) m.f64(base + j * block + s * n * 8, n).set(all[s]![j]!);
    }
    const inPtrs = def.inputs.map((_, j) => base + j * block);
    const outPtrs = def.outputs.map((_, k) => base + (def.inputs.length + k) * block);
    checkFiniteInWasm(def, inPtrs, n, count, (s) => `panel[${s}].`);
    invoke(def, inPtrs, outPtrs, n, count, resolved, true);
    for (let k = 0; k < def.outputs.length; k++) {
      for (let s = 0; s < count; s++) results[s]![k]!.set(m.f64(outPtrs[k]! + s * n * 8, n));
    }
  }
  return { id: def.id, params: resolved, lookback: def.lookback(resolved), outputs: results.map((r) => named(def, r)), kernel };
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
  private readonly def: IndicatorDefinition;
  private ptr: number;
  private readonly fallback: Float64Array[] | undefined;

  constructor(id: string, length: number, count = 1) {
    this.def = getIndicator(id);
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
    const resolved = resolveParams(this.def, params);
    const nIn = this.def.inputs.length;
    if (this.fallback) {
      this.def.inputs.forEach((name, j) => checkFinite(this.view(j, undefined), name));
      for (let s = 0; s < this.count; s++) {
        const ins = this.def.inputs.map((_, j) => this.view(j, s));
        const outs = this.def.outputs.map((_, k) => this.view(nIn + k, s));
        this.def.reference(ins, outs, resolved);
      }
    } else {
      const stride = this.length * this.count * 8;
      const inPtrs = this.def.inputs.map((_, j) => this.ptr + j * stride);
      const outPtrs = this.def.outputs.map((_, k) => this.ptr + (nIn + k) * stride);
      checkFiniteInWasm(this.def, inPtrs, this.length, this.count, (s) => `series[${s}].`);
      invoke(this.def, inPtrs, outPtrs, this.length, this.count, resolved, this.count > 1);
    }
    return { params: resolved, lookback: this.def.lookback(resolved) };
  }

  /** Returns the workspace's memory for reuse. */
  dispose(): void {
    if (this.ptr > 0 && wasm) wasm.memory.release(this.ptr);
    this.ptr = -1;
  }
}

/** Bytes of WebAssembly linear memory (0 with the TypeScript kernels). */
export function wasmMemoryBytes(): number {
  return wasm ? wasm.memory.byteLength : 0;
}
