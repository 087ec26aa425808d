/**
 * The pattern scanner: many candlestick patterns over one series in one pass (candle ranges and
 * running averages computed once, shared by the patterns that use them), over many series (a panel),
 * or bar by bar (the patterns completed by each new bar, and on the forming bar with peek).
 */
import { wasmModule } from './compute.ts';
import { IndicatorError, InvalidInputError, InvalidParamError } from './errors.ts';
import { patternKernel, type PatternKernel } from './pattern.ts';
import { planTotals, runPatterns, type PatternRun } from './patternEngine.ts';
import { CANDLE_SETTINGS, MAX_OFFSET } from './reference/candles.ts';
import type { KernelKind } from './wasm/module.ts';
import { getIndicator, indicators } from './registry.ts';
import { IndicatorStream, restoreStream, type StreamSnapshot } from './stream.ts';
import type { IndicatorDefinition, Params } from './types.ts';
import { resolveInputs, resolveParams, type InputsArg } from './validate.ts';

/** The candlestick patterns of the registry, by id (TA-Lib's order is the id order). */
export const patternIds: readonly string[] = indicators.filter((d) => patternKernel(d.id) !== undefined).map((d) => d.id);

export interface ScanOptions {
  /** Pattern ids (`cdldoji`; TA-Lib names such as `CDLDOJI` are accepted too). Default: all of them. */
  patterns?: readonly string[];
  /** Penetration for the patterns that take one (TA-Lib's optInPenetration). Default: each pattern's own (0.3 or 0.5). */
  penetration?: number;
  /** Force an implementation (batch scans); default the WebAssembly scanner where SIMD WebAssembly loads. */
  kernel?: KernelKind;
}

export interface PatternHits {
  /** TA-Lib's lookback: bars before it are never reported. */
  lookback: number;
  /** Bars (indices into the series) where the pattern fired, ascending. */
  bars: number[];
  /** The output at each of those bars: plus or minus 100 (80 for the weaker engulfing and harami forms, 200 for a confirmed Hikkake). */
  values: number[];
}

export interface ScanResult {
  /** Bars in the series. */
  length: number;
  /** The implementation that ran. */
  kernel: KernelKind;
  /** Per pattern id, in the order asked for. */
  patterns: Record<string, PatternHits>;
}

interface Selection {
  defs: IndicatorDefinition[];
  kernels: PatternKernel[];
  penetrations: number[];
  kernel: KernelKind;
}

function select(options: ScanOptions | undefined): Selection {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new InvalidParamError('INVALID_PARAM_TYPE', 'options', 'scan options must be an object');
  }
  const asked: unknown = options?.patterns;
  let ids: string[];
  if (asked === undefined) {
    ids = [...patternIds];
  } else {
    if (!Array.isArray(asked)) throw new InvalidParamError('INVALID_PARAM_TYPE', 'patterns', 'patterns must be an array of pattern ids');
    if (asked.length === 0) throw new InvalidParamError('PARAM_OUT_OF_RANGE', 'patterns', 'patterns must name at least one pattern (omit it for all)');
    ids = [];
    asked.forEach((raw: unknown, i) => {
      const id = typeof raw === 'string' ? raw.toLowerCase() : '';
      if (!patternIds.includes(id)) {
        throw new InvalidParamError('UNKNOWN_INDICATOR', `patterns[${i}]`, `unknown pattern ${JSON.stringify(raw)}; patterns: ${patternIds.join(', ')}`);
      }
      if (!ids.includes(id)) ids.push(id);
    });
  }
  const given = options?.penetration;
  const defs = ids.map((id) => getIndicator(id));
  const penetrations = defs.map((def) => {
    const k = patternKernel(def.id)!;
    if (!def.params.some((p) => p.name === 'penetration')) return k.penetrationDefault;
    const params: Params = resolveParams(def, given === undefined ? {} : { penetration: given });
    return params.penetration!;
  });
  const wanted = options?.kernel;
  if (wanted !== undefined && wanted !== 'typescript' && wanted !== 'wasm-simd') {
    throw new InvalidParamError('INVALID_PARAM_TYPE', 'kernel', 'kernel must be "wasm-simd" or "typescript"');
  }
  if (wanted === 'wasm-simd' && !wasmModule()) throw new IndicatorError('KERNEL_UNAVAILABLE', 'kernel', 'WebAssembly SIMD kernels unavailable');
  const kernel = wanted ?? (wasmModule() ? 'wasm-simd' : 'typescript');
  return { defs, kernels: defs.map((d) => patternKernel(d.id)!), penetrations, kernel };
}

function hitsOf(out: Float64Array, lookback: number): PatternHits {
  const bars: number[] = [];
  const values: number[] = [];
  for (let i = lookback; i < out.length; i++) {
    const v = out[i]!;
    if (v !== 0) {
      bars.push(i);
      values.push(v);
    }
  }
  return { lookback, bars, values };
}

function scanSeries(sel: Selection, series: Float64Array[]): ScanResult {
  const n = series[0]!.length;
  const outs = sel.kernel === 'wasm-simd' ? scanWasm(sel, series) : scanReference(sel, series);
  const patterns: Record<string, PatternHits> = {};
  sel.defs.forEach((def, q) => (patterns[def.id] = hitsOf(outs[q]!, sel.kernels[q]!.lookback)));
  return { length: n, kernel: sel.kernel, patterns };
}

function scanReference(sel: Selection, series: Float64Array[]): Float64Array[] {
  const n = series[0]!.length;
  const runs: PatternRun[] = sel.kernels.map((kernel, q) => ({ kernel, out: new Float64Array(n), penetration: sel.penetrations[q]! }));
  runPatterns(runs, series[0]!, series[1]!, series[2]!, series[3]!);
  return runs.map((r) => r.out);
}

const SLOT_WORDS = CANDLE_SETTINGS.length * MAX_OFFSET;
const MEMORY_WORDS = 4;

/**
 * The WebAssembly scanner (assembly/lib/candles.ts scanRun): the series copied in once, the plan of
 * shared totals made here as the reference engine makes it, every pattern run bar by bar in one call.
 */
function scanWasm(sel: Selection, series: Float64Array[]): Float64Array[] {
  const wasm = wasmModule()!;
  const run = wasm.exports.patterns_scan;
  if (!run) throw new Error('the WebAssembly module has no pattern scanner; rebuild with npm run build');
  const n = series[0]!.length;
  const count = sel.kernels.length;
  const plan = planTotals(sel.kernels);
  const U = plan.rt.length;
  // f64 blocks first (inputs, outputs, pens, ranges, totals, memories), then i32 blocks.
  const f64s = 4 * n + count * n + count + 3 * n + U + count * MEMORY_WORDS;
  const i32s = 3 * count + 4 * U + count * SLOT_WORDS + count;
  const m = wasm.memory;
  const base = m.alloc(8 * f64s + 4 * i32s + 8);
  try {
    const heap = m.heap;
    const at = { o: base, out: base + 32 * n };
    const pens = at.out + 8 * count * n;
    const ranges = pens + 8 * count;
    const tot = ranges + 24 * n;
    const mems = tot + 8 * U;
    const table = mems + 8 * count * MEMORY_WORDS;
    const keys = table + 12 * count;
    const slots = keys + 16 * U;
    const marks = slots + 4 * count * SLOT_WORDS;
    for (let j = 0; j < 4; j++) heap.set(series[j]!, (base >> 3) + j * n);
    const ints = new Int32Array(m.memory.buffer);
    sel.kernels.forEach((k, q) => {
      heap[(pens >> 3) + q] = sel.penetrations[q]!;
      ints[(table >> 2) + 3 * q] = k.code;
      ints[(table >> 2) + 3 * q + 1] = k.lookback;
      ints[(table >> 2) + 3 * q + 2] = k.lookback - k.warmup;
      const row = (slots >> 2) + q * SLOT_WORDS;
      ints.fill(-1, row, row + SLOT_WORDS);
      k.averages.forEach(([s, kk], t) => (ints[row + s * MAX_OFFSET + kk] = plan.slots[q]![t]!));
    });
    for (let u = 0; u < U; u++) {
      ints.set([plan.rt[u]!, plan.p[u]!, plan.k[u]!, plan.F[u]!], (keys >> 2) + 4 * u);
    }
    run(base, base + 8 * n, base + 16 * n, base + 24 * n, at.out, n, count, table, pens, keys, U, slots, ranges, tot, mems, marks);
    const view = m.heap;
    return sel.kernels.map((_, q) => view.slice((at.out >> 3) + q * n, (at.out >> 3) + (q + 1) * n));
  } finally {
    m.release(base);
  }
}

/**
 * Every pattern (or the ones asked for) over one OHLC series: for each, the bars where it fired and
 * its value there. Equal, bar for bar, to computing each pattern alone (and to TA-Lib).
 */
export function scanPatterns(inputs: InputsArg, options?: ScanOptions): ScanResult {
  const sel = select(options);
  return scanSeries(sel, resolveInputs(sel.defs[0]!, inputs));
}

/** scanPatterns over many series (symbols), which may differ in length: one result per series. */
export function scanPatternsPanel(panel: readonly InputsArg[], options?: ScanOptions): ScanResult[] {
  const sel = select(options);
  if (!Array.isArray(panel) || panel.length === 0) {
    throw new InvalidInputError('INVALID_PANEL', 'panel', 'a panel needs a non-empty array of series');
  }
  return panel.map((inputs, s) => {
    let series: Float64Array[];
    try {
      series = resolveInputs(sel.defs[0]!, inputs);
    } catch (err) {
      if (err instanceof IndicatorError) throw new InvalidInputError(err.code, `panel[${s}].${err.path}`, `series ${s}: ${err.message}`);
      throw err;
    }
    return scanSeries(sel, series);
  });
}

/** A pattern completed by a bar: its id and value. */
export interface PatternSignal {
  pattern: string;
  value: number;
}

export interface PatternScannerSnapshot {
  version: 1;
  kind: 'pattern-scanner';
  streams: StreamSnapshot[];
}

/**
 * The scanner bar by bar: `update(open, high, low, close)` commits a closed bar and returns the
 * patterns it completed; `peek(...)` gives the patterns the forming bar would complete, committing
 * nothing. Equal to scanPatterns over the same bars.
 */
export class PatternScanner {
  private readonly streams: IndicatorStream[];

  constructor(options?: ScanOptions, streams?: IndicatorStream[]) {
    if (streams) {
      this.streams = streams;
      return;
    }
    const sel = select(options);
    this.streams = sel.defs.map((def, q) => {
      const params: Params = def.params.length ? { penetration: sel.penetrations[q]! } : {};
      return new IndicatorStream(def, resolveParams(def, params));
    });
  }

  /** The pattern ids scanned, in order. */
  get patterns(): string[] {
    return this.streams.map((s) => s.id);
  }

  /** Bars committed so far. */
  get bars(): number {
    return this.streams[0]!.bars;
  }

  update(open: number, high: number, low: number, close: number): PatternSignal[] {
    // The first stream checks the bar (and throws, committing nothing) before any stream commits it.
    const first = this.streams[0]!;
    first.peek(open, high, low, close);
    const signals: PatternSignal[] = [];
    for (const s of this.streams) {
      const v = s.update(open, high, low, close);
      if (v !== 0 && !Number.isNaN(v)) signals.push({ pattern: s.id, value: v });
    }
    return signals;
  }

  peek(open: number, high: number, low: number, close: number): PatternSignal[] {
    const signals: PatternSignal[] = [];
    for (const s of this.streams) {
      const v = s.peek(open, high, low, close);
      if (v !== 0 && !Number.isNaN(v)) signals.push({ pattern: s.id, value: v });
    }
    return signals;
  }

  snapshot(): PatternScannerSnapshot {
    return { version: 1, kind: 'pattern-scanner', streams: this.streams.map((s) => s.snapshot()) };
  }
}

export function createPatternScanner(options?: ScanOptions): PatternScanner {
  return new PatternScanner(options);
}

/** Resumes a scanner from snapshot(); every pattern's state is checked as restoreStream checks it. */
export function restorePatternScanner(snapshot: PatternScannerSnapshot): PatternScanner {
  if (snapshot === null || typeof snapshot !== 'object' || snapshot.version !== 1 || snapshot.kind !== 'pattern-scanner' || !Array.isArray(snapshot.streams) || snapshot.streams.length === 0) {
    throw new IndicatorError('INVALID_STATE', 'snapshot', 'not a pattern scanner snapshot (version 1)');
  }
  const streams = snapshot.streams.map((s, i) => {
    if (s === null || typeof s !== 'object' || !patternIds.includes((s as { id?: unknown }).id as string)) {
      throw new IndicatorError('INVALID_STATE', `snapshot.streams[${i}]`, 'not the snapshot of a pattern stream');
    }
    return restoreStream(s);
  });
  if (new Set(streams.map((s) => s.id)).size !== streams.length) {
    throw new IndicatorError('INVALID_STATE', 'snapshot.streams', 'a pattern appears twice');
  }
  if (new Set(streams.map((s) => s.bars)).size !== 1) {
    throw new IndicatorError('INVALID_STATE', 'snapshot.streams', 'the patterns of one scanner must have seen the same bars');
  }
  return new PatternScanner(undefined, streams);
}
