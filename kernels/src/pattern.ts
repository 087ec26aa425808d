import { defineIndicator, streamKernel, TA_REAL_MAX } from './define.ts';
import { avgPeriod, CANDLE_SETTINGS, candleRange, Candles, MARK_NONE, MAX_OFFSET, SETTING_METHODS, type AverageUse } from './reference/candles.ts';
import { runPatterns } from './patternEngine.ts';
import { counter, int, reals, type StateSpec } from './state.ts';
import type { IndicatorDefinition, ParamDefinition, Params } from './types.ts';

/**
 * A pattern's test of the candle at `c.i` and the ones before it (TA-Lib's `if` in its loop):
 * 0, or plus or minus 100 (200 for a confirmation). Written with `c.` accessors and numbers only,
 * so that scripts/patterns.ts translates it to AssemblyScript as it is.
 */
export type Detect = (c: Candles, penetration: number) => number;

/** TA-Lib's 61 candlestick functions, in its order: a pattern's number is its index here. */
export const TALIB_PATTERNS: readonly string[] = [
  'CDL2CROWS', 'CDL3BLACKCROWS', 'CDL3INSIDE', 'CDL3LINESTRIKE', 'CDL3OUTSIDE', 'CDL3STARSINSOUTH',
  'CDL3WHITESOLDIERS', 'CDLABANDONEDBABY', 'CDLADVANCEBLOCK', 'CDLBELTHOLD', 'CDLBREAKAWAY',
  'CDLCLOSINGMARUBOZU', 'CDLCONCEALBABYSWALL', 'CDLCOUNTERATTACK', 'CDLDARKCLOUDCOVER', 'CDLDOJI',
  'CDLDOJISTAR', 'CDLDRAGONFLYDOJI', 'CDLENGULFING', 'CDLEVENINGDOJISTAR', 'CDLEVENINGSTAR',
  'CDLGAPSIDESIDEWHITE', 'CDLGRAVESTONEDOJI', 'CDLHAMMER', 'CDLHANGINGMAN', 'CDLHARAMI',
  'CDLHARAMICROSS', 'CDLHIGHWAVE', 'CDLHIKKAKE', 'CDLHIKKAKEMOD', 'CDLHOMINGPIGEON',
  'CDLIDENTICAL3CROWS', 'CDLINNECK', 'CDLINVERTEDHAMMER', 'CDLKICKING', 'CDLKICKINGBYLENGTH',
  'CDLLADDERBOTTOM', 'CDLLONGLEGGEDDOJI', 'CDLLONGLINE', 'CDLMARUBOZU', 'CDLMATCHINGLOW',
  'CDLMATHOLD', 'CDLMORNINGDOJISTAR', 'CDLMORNINGSTAR', 'CDLONNECK', 'CDLPIERCING',
  'CDLRICKSHAWMAN', 'CDLRISEFALL3METHODS', 'CDLSEPARATINGLINES', 'CDLSHOOTINGSTAR',
  'CDLSHORTLINE', 'CDLSPINNINGTOP', 'CDLSTALLEDPATTERN', 'CDLSTICKSANDWICH', 'CDLTAKURI',
  'CDLTASUKIGAP', 'CDLTHRUSTING', 'CDLTRISTAR', 'CDLUNIQUE3RIVER', 'CDLUPSIDEGAP2CROWS',
  'CDLXSIDEGAP3METHODS',
];

export interface PatternSpec {
  /** TA-Lib's function name, e.g. CDLDOJI; the id is its lower case. */
  talib: string;
  name: string;
  description: string;
  /** The averages the pattern keeps, each a setting on the candle k bars back. */
  averages: readonly AverageUse[];
  /** TA-Lib's lookback (with the default candle settings), and how TA-Lib writes it. */
  lookback: number;
  lookbackFormula: string;
  /** TA-Lib's optInPenetration default, for the patterns that have it. */
  penetration?: number;
  /**
   * Stateful patterns (Hikkake): detect also runs on this many bars before the lookback (outputs
   * there stay NaN), keeping `memory` values and a mark between bars, as TA-Lib's loop does.
   */
  warmup?: number;
  memory?: number;
  detect: Detect;
  notes?: readonly string[];
  /** What the outputs mean, beyond 0 (e.g. "+100 bullish, -100 bearish"). */
  values: string;
}

/** The parts of a pattern the batch and stream drivers and the scanner need, kept on its definition. */
export interface PatternKernel {
  /** Position in TALIB_PATTERNS. */
  code: number;
  lookback: number;
  averages: readonly AverageUse[];
  detect: Detect;
  /** The penetration passed when the pattern has no such parameter. */
  penetrationDefault: number;
  /** Bars before the lookback on which detect runs for its memory (0 for stateless patterns). */
  warmup: number;
  /** Values a stateful pattern keeps between bars (0 for stateless patterns). */
  memory: number;
}

const kernels = new Map<string, PatternKernel>();

/** The pattern kernel behind a registered pattern id, or undefined when the id is not a pattern. */
export function patternKernel(id: string): PatternKernel | undefined {
  return kernels.get(id);
}

/** Every average a detect function calls with a literal offset must be one the pattern keeps. */
function checkAverages(talib: string, detect: Detect, averages: readonly AverageUse[]): void {
  const src = detect.toString();
  for (const m of src.matchAll(/c\.(\w+)\((\d+)\)/g)) {
    const setting = SETTING_METHODS.indexOf(m[1] as never);
    if (setting < 0 || avgPeriod(setting) === 0) continue;
    const k = Number(m[2]);
    if (!averages.some(([s, kk]) => s === setting && kk === k)) {
      throw new Error(`pattern ${talib}: detect reads ${m[1]}(${k}) but its averages do not keep it`);
    }
  }
  for (const [s, k] of averages) {
    if (!(s >= 0 && s < CANDLE_SETTINGS.length) || !(k >= 0 && k < MAX_OFFSET)) throw new Error(`pattern ${talib}: bad average [${s}, ${k}]`);
  }
}

/**
 * Initial total of average `[setting, k]` at the first bar F that detect sees (the lookback, less
 * the warm-up of stateful patterns): TA-Lib's sum over [F - k - p, F - k), left to right.
 */
function initialTotal(setting: number, k: number, at: (j: number) => number, first: number): number {
  const s = CANDLE_SETTINGS[setting]!;
  let sum = 0;
  for (let j = first - k - s.avgPeriod; j < first - k; j++) sum += at(j);
  return sum;
}

type PatternState = { pattern: number; seen: number; o: number[]; h: number[]; l: number[]; c: number[]; tot: number[]; mem?: number[]; mark?: number };

/**
 * The pattern as a stream: a window of the last lookback + 2 bars (the oldest one is the candle
 * whose range leaves a total), the totals, and how many bars were seen (counted up to the window's size).
 */
function patternStream(k: PatternKernel) {
  const L = k.lookback;
  const F = L - k.warmup;
  const R = L + 2;
  const T = k.averages.length;
  const M = k.memory;
  const candles = new Candles(k.averages);
  // The accessors read Float64Arrays only (one shape for V8): the state's window is copied into these.
  candles.o = new Float64Array(R); candles.h = new Float64Array(R); candles.l = new Float64Array(R); candles.c = new Float64Array(R);
  candles.tot = new Float64Array(T);
  const rt = k.averages.map(([s]) => CANDLE_SETTINGS[s]!.rangeType);
  const per = k.averages.map(([s]) => avgPeriod(s));
  return streamKernel<PatternState>({
    init: () => ({
      pattern: k.code, seen: 0,
      o: new Array<number>(R).fill(0), h: new Array<number>(R).fill(0), l: new Array<number>(R).fill(0), c: new Array<number>(R).fill(0),
      tot: new Array<number>(T).fill(0),
      ...(M > 0 ? { mem: new Array<number>(M).fill(0), mark: MARK_NONE } : {}),
    }),
    spec: (): StateSpec => ({
      pattern: int(k.code, k.code), seen: counter(R), o: reals(R), h: reals(R), l: reals(R), c: reals(R), tot: reals(T),
      ...(M > 0 ? { mem: reals(M, -200, 200), mark: int(0, MARK_NONE) } : {}),
    }),
    relations(s) {
      if (s.seen < R) {
        // The window fills from its end: slots before the bars seen still hold their initial 0.
        for (const f of ['o', 'h', 'l', 'c'] as const) {
          for (let j = 0; j < R - s.seen; j++) {
            if (s[f][j] !== 0) return { field: f, reason: `[${j}] is before the ${s.seen} bars seen, so must be 0` };
          }
        }
      }
      if (s.seen <= F && s.tot.some((v) => v !== 0)) return { field: 'tot', reason: 'must be 0 before the first bar the pattern sees' };
      if (M > 0 && s.seen <= F) {
        if (s.mem!.some((v) => v !== 0)) return { field: 'mem', reason: 'must be 0 before the first bar the pattern sees' };
        if (s.mark !== MARK_NONE) return { field: 'mark', reason: `must be ${MARK_NONE} (no mark) before the first bar the pattern sees` };
      }
      return undefined;
    },
    update(s, bar, out, params) {
      const { o, h, l, c, tot } = s;
      for (let j = 0; j < R - 1; j++) { o[j] = o[j + 1]!; h[j] = h[j + 1]!; l[j] = l[j + 1]!; c[j] = c[j + 1]!; }
      o[R - 1] = bar[0]!; h[R - 1] = bar[1]!; l[R - 1] = bar[2]!; c[R - 1] = bar[3]!;
      const i = s.seen;
      if (i < R) s.seen = i + 1;
      if (i < F) {
        out[0] = NaN;
        return;
      }
      // Bar j of the series sits at slot R - 1 - (current - j).
      if (i === F) {
        for (let t = 0; t < T; t++) {
          const [st, kk] = k.averages[t]!;
          tot[t] = initialTotal(st, kk, (j) => { const x = R - 1 - (F - j); return candleRange(rt[t]!, o[x]!, h[x]!, l[x]!, c[x]!); }, F);
        }
      } else {
        for (let t = 0; t < T; t++) {
          const p = per[t]!;
          if (p === 0) continue;
          const a = R - 2 - k.averages[t]![1], b = a - p;
          tot[t] = tot[t]! + (candleRange(rt[t]!, o[a]!, h[a]!, l[a]!, c[a]!) - candleRange(rt[t]!, o[b]!, h[b]!, l[b]!, c[b]!));
        }
      }
      for (let j = 0; j < R; j++) { candles.o[j] = o[j]!; candles.h[j] = h[j]!; candles.l[j] = l[j]!; candles.c[j] = c[j]!; }
      for (let t = 0; t < T; t++) candles.tot[t] = tot[t]!;
      candles.i = R - 1;
      if (M > 0) {
        candles.mem = s.mem!;
        candles.bars = s.mark! < MARK_NONE ? s.mark! + 1 : MARK_NONE;
      }
      const v = k.detect(candles, params.penetration ?? k.penetrationDefault);
      if (M > 0) s.mark = candles.bars;
      out[0] = i < L ? NaN : v;
    },
  });
}

function penetrationParam(defaultValue: number): ParamDefinition {
  return {
    name: 'penetration',
    type: 'real',
    description: "How far (as a fraction of the first candle's real body) a later candle must reach into it (TA-Lib's optInPenetration).",
    default: defaultValue,
    min: 0,
    max: TA_REAL_MAX,
  };
}

/** A candlestick pattern as an indicator of the registry: inputs open, high, low, close; one output named as the id. */
export function definePattern(spec: PatternSpec): IndicatorDefinition {
  const id = spec.talib.toLowerCase();
  const code = TALIB_PATTERNS.indexOf(spec.talib);
  if (code < 0) throw new Error(`pattern ${spec.talib}: not a TA-Lib candlestick function`);
  checkAverages(spec.talib, spec.detect, spec.averages);
  const kernel: PatternKernel = {
    code, lookback: spec.lookback, averages: spec.averages, detect: spec.detect, penetrationDefault: spec.penetration ?? 0,
    warmup: spec.warmup ?? 0, memory: spec.memory ?? 0,
  };
  kernels.set(id, kernel);
  const hasPenetration = spec.penetration !== undefined;
  return defineIndicator({
    id,
    name: spec.name,
    group: 'Pattern Recognition',
    description: spec.description,
    inputs: ['open', 'high', 'low', 'close'],
    params: hasPenetration ? [penetrationParam(spec.penetration!)] : [],
    outputs: [{ name: id, description: `0 where the pattern is absent; ${spec.values}.` }],
    lookback: () => spec.lookback,
    lookbackFormula: spec.lookbackFormula,
    tolerance: 'exact (the same comparisons on the same running totals as TA-Lib, in both kernels)',
    talib: { name: spec.talib, params: hasPenetration ? ['penetration'] : [] },
    notes: [
      "Candle settings are TA-Lib's defaults (kernels/src/reference/candles.ts); each average is a running total that starts at the lookback and rolls as TA-Lib rolls it, so ties resolve as in TA-Lib.",
      ...(spec.notes ?? []),
    ],
    startDependence: 'rounding',
    stream: patternStream(kernel),
    reference: (inputs, outputs, params: Params) =>
      runPatterns([{ kernel, out: outputs[0]!, penetration: params.penetration ?? kernel.penetrationDefault }], inputs[0]!, inputs[1]!, inputs[2]!, inputs[3]!),
    simdPanel: false,
  });
}
