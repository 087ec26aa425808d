import type { StateProblem, StateSpec } from './state.ts';
import type { LoopKernel } from './loop.ts';

/**
 * Names of the series an indicator may read: the price bar's fields, two plain series for the
 * functions of two series (BETA, CORREL: TA-Lib's inReal0, inReal1), and a period per bar (MAVP:
 * TA-Lib's inPeriods). A definition lists its inputs in the order they are passed to its kernels.
 */
export type InputName = 'open' | 'high' | 'low' | 'close' | 'volume' | 'real0' | 'real1' | 'periods';

export const INPUT_ORDER: readonly InputName[] = ['open', 'high', 'low', 'close', 'volume', 'real0', 'real1', 'periods'];

export type IndicatorGroup =
  | 'Overlap Studies'
  | 'Momentum Indicators'
  | 'Volatility Indicators'
  | 'Volume Indicators'
  | 'Statistic Functions'
  | 'Price Transform'
  | 'Math Operators'
  | 'Cycle Indicators'
  | 'Pattern Recognition';

/** A parameter's narrowed maximum, and why (see IndicatorDefinition.paramLimit). */
export interface ParamLimit {
  param: string;
  max: number;
  why: string;
}

export interface ParamDefinition {
  name: string;
  /** `integer` parameters must be whole numbers; `real` ones any finite number. */
  type: 'integer' | 'real';
  description: string;
  /** Omitted: the parameter is required. */
  default?: number;
  min: number;
  max: number;
  /** For a choice among named values (e.g. TA-Lib's MA types): names[v - min] is value v's name. */
  names?: readonly string[];
}

export interface OutputDefinition {
  name: string;
  description: string;
}

/** Resolved parameter values, every parameter present, keyed by name. */
export type Params = Readonly<Record<string, number>>;

/** A series of numbers: what callers hand in. Float64Array avoids a copy. */
export type Series = Float64Array | readonly number[];

/**
 * Reference kernel: reads `inputs` (registry order, equal lengths), writes every element of every
 * output (NaN in the lookback region). Plain TypeScript, written to be read.
 */
export type ReferenceKernel = (inputs: readonly Float64Array[], outputs: Float64Array[], params: Params) => void;

/** A stream's state: plain numbers and arrays of numbers, so it serialises to JSON as it is. */
export type StreamState = Record<string, number | number[]>;

/**
 * The indicator as a state machine over bars: the one formulation behind both the streaming API and
 * the TypeScript reference kernel (a batch is a fold of `update` over the bars).
 */
export interface StreamKernel<S extends StreamState = StreamState> {
  init(params: Params): S;
  /**
   * Every state field and what it may hold for these parameters (see state.ts): a restored snapshot
   * is checked against it, field by field.
   */
  spec(params: Params): StateSpec;
  /**
   * Relations between fields that every state reachable by updates satisfies (a ring position that
   * matches the count of values seen, an extreme that is the window's extreme, ...), checked on
   * restore after the spec (`bars`: the bars the snapshot says were committed): the first one
   * violated, or undefined.
   */
  relations?(state: S, params: Params, bars: number): StateProblem | undefined;
  /**
   * Constants derived from the parameters (e.g. an EMA's k), computed once per stream and merged
   * into the `params` that `update` receives, so no bar pays for them.
   */
  derive?(params: Params): Record<string, number>;
  /**
   * Consumes one closed bar (`bar` holds the inputs in registry order, all finite) and writes the
   * outputs after it into `out` (NaN while warming up). Mutates `state`.
   */
  update(state: S, bar: Float64Array, out: Float64Array, params: Params): void;
}

export interface IndicatorDefinition {
  /** Lower-case identifier used in the API and the WebAssembly export names. */
  id: string;
  name: string;
  group: IndicatorGroup;
  description: string;
  inputs: readonly InputName[];
  params: readonly ParamDefinition[];
  outputs: readonly OutputDefinition[];
  /** Number of leading outputs that are NaN, as a function of the resolved parameters (TA-Lib's lookback). */
  lookback: (params: Params) => number;
  /** The lookback as a human formula, for documentation and the API. */
  lookbackFormula: string;
  /**
   * How closely the WebAssembly kernel and TA-Lib agree, in words (the tests enforce it).
   * Shown in the docs so users know what "equal to TA-Lib" means for this indicator.
   */
  tolerance: string;
  /**
   * The TA-Lib function this indicator reproduces (the golden tests' oracle), or undefined for an
   * indicator TA-Lib lacks (then its docs define it and a test checks it against an independent
   * implementation). `params` follows TA-Lib's optional inputs in order: our parameter's name, or a
   * number for a TA-Lib input we fix (e.g. an MA type of 0 = SMA).
   */
  talib: { name: string; params: readonly (string | number)[] } | undefined;
  /**
   * A parameter's maximum that depends on another parameter's value (e.g. BBANDS's period under MA
   * type 7), checked after each parameter's own range: where TA-Lib would read outside its input.
   */
  paramLimit?: (params: Params) => ParamLimit | undefined;
  /**
   * Numbers a stream update touches beyond a constant few, for streams whose cost per bar grows with
   * their parameters (MAVP updates every period's MA): what a server budgets per streamed bar.
   * Absent: constant work per bar.
   */
  streamWork?: (params: Params) => number;
  /** Semantics worth knowing (TA-Lib oddities we reproduce, seeding), one sentence each, for the docs. */
  notes: readonly string[];
  /**
   * For indicators built on running sums: the sums are recomputed from scratch every this many
   * outputs (from the first output on), so long series do not drift. TA-Lib never re-sums.
   */
  resumEvery?: (params: Params) => number;
  /**
   * For recursive indicators (EMA-like memory): bars after the lookback until an output no longer
   * depends on where the series started, to 1e-10 relative (TA-Lib's "unstable period").
   */
  warmup?: (params: Params) => number;
  /**
   * How the outputs depend on where the series starts, for indicators that neither a finite window
   * nor a decaying memory (`warmup`) describes:
   * - 'offset': cumulative indicators (OBV, AD). A series that starts later gives every output shifted
   *   by one constant (the running total it did not see), so differences between outputs agree.
   * - 'path': path-dependent state machines (SAR). A series that starts later may follow another path
   *   (another trend direction, extreme point) until the two runs reach the same state; from then on
   *   they agree exactly. No number of bars guarantees that meeting in advance.
   * - 'rounding': comparisons against running totals that TA-Lib never re-sums (the candle averages
   *   of the candlestick patterns). The totals of a series that starts later carry other rounding
   *   residue, which decides comparisons only where both sides are that residue: a zero real body
   *   against the average of zero real bodies (flat stretches). Elsewhere the outputs agree exactly.
   */
  startDependence?: 'offset' | 'path' | 'rounding';
  /** The indicator as a stream (see StreamKernel). */
  stream: StreamKernel;
  /** The batch reference kernel: derived from `stream` unless a definition supplies its own. */
  reference: ReferenceKernel;
  /**
   * For a serial chain that SIMD cannot speed up, or a memory-bound transform (see loop.ts): the loop
   * compute() runs on Float64Array inputs instead of copying them into WebAssembly memory.
   */
  loop?: LoopKernel;
  /**
   * The arithmetic is a serial chain with a division per bar (Wilder's smoothing in TA-Lib's order:
   * RSI, CMO, ATR, NATR, the DM/DI/DX/ADX family): each bar waits for the previous bar's division, so
   * it runs at that chain's latency whatever computes it (SIMD can pair independent divisions, not
   * shorten the chain).
   */
  serialChain?: boolean;
  /**
   * With `loop`: compute() runs the loop on series of up to lookback + loopMaxOutputs bars. Set for
   * recurrences whose WebAssembly kernel is faster on long series (it breaks the chain into steps of
   * several bars) but whose loop wins on short ones, where copying in and out and the call cost more
   * than the kernel saves. Unset: the loop runs at every length (a serial chain with a division per
   * bar, which nothing speeds up).
   */
  loopMaxOutputs?: number;
  /** True when the WebAssembly module exports a lane-parallel `<id>_panel` kernel. */
  simdPanel: boolean;
}
