// Ehlers' Hilbert-transform cycle measurement as TA-Lib computes it (ta_MAMA.c, ta_HT_*.c and the
// HILBERT_VARIABLES / DO_HILBERT_EVEN / DO_HILBERT_ODD macros of ta_utility.h), one bar at a time:
// a 4-bar WMA of the price, the detrender / Q1 / jI / jQ transforms kept per bar parity, the
// homodyne discriminator (Re, Im) and the smoothed dominant-cycle period. MAMA and every HT_*
// function share this core; each adds its own output stage (below and in the indicator folders).
import { barCount, real, reals, stillZero, unless, type StateProblem, type StateSpec } from '../state.ts';

const A = 0.0962;
const B = 0.5769;
/** TA-Lib's constants, computed as it computes them (45 / atan(1) is 180 / pi rounded once). */
export const RAD2DEG = 45 / Math.atan(1);
export const DEG2RAD = 1 / RAD2DEG;
/** 2 pi as TA-Lib's HT_DCPHASE computes it (atan(1) * 8). */
export const TWO_PI = Math.atan(1) * 8;
/** The ring of smoothed prices the dominant-cycle phase is measured over (TA-Lib's SMOOTH_PRICE_SIZE). */
export const SMOOTH_PRICE_SIZE = 50;

/**
 * Bars of WMA-only warm-up after the first three: 9 for the functions whose lookback is 32 (MAMA,
 * HT_DCPERIOD, HT_PHASOR), 34 for those whose lookback is 63 (HT_DCPHASE, HT_SINE, HT_TRENDLINE,
 * HT_TRENDMODE). The Hilbert loop starts at bar 3 + warm (12 or 37).
 */
export type HilbertWarm = 9 | 34;

/** The core's state, as plain JSON. */
export interface HilbertState {
  [key: string]: number | number[];
  /** Bars consumed: the index of the next bar (TA-Lib's `today`; its parity picks the odd or even chain). */
  bars: number;
  /** The 4-bar WMA: running sum, weighted sum, the value to drop next, the last three prices (slot bar % 3). */
  wmaSub: number;
  wmaSum: number;
  wmaTrailing: number;
  wmaRecent: number[];
  /**
   * Per transform (detrender, q1, jI, jQ), TA-Lib's HILBERT_VARIABLES: [0..2] the odd ring,
   * [3..5] the even ring, [6] prev odd, [7] prev even, [8] prev input odd, [9] prev input even.
   */
  detrender: number[];
  q1: number[];
  jI: number[];
  jQ: number[];
  /** I1 (the detrender three bars back) per chain: [odd prev2, odd prev3, even prev2, even prev3]. */
  i1: number[];
  prevQ2: number;
  prevI2: number;
  re: number;
  im: number;
  period: number;
}

export function hilbertInit(): HilbertState {
  return {
    bars: 0,
    wmaSub: 0,
    wmaSum: 0,
    wmaTrailing: 0,
    wmaRecent: [0, 0, 0],
    detrender: new Array<number>(10).fill(0),
    q1: new Array<number>(10).fill(0),
    jI: new Array<number>(10).fill(0),
    jQ: new Array<number>(10).fill(0),
    i1: [0, 0, 0, 0],
    prevQ2: 0,
    prevI2: 0,
    re: 0,
    im: 0,
    period: 0,
  };
}

const LOOP_FIELDS = ['prevQ2', 'prevI2', 're', 'im', 'period'] as const;

export function hilbertSpec(): StateSpec {
  return {
    bars: barCount(),
    wmaSub: real(),
    wmaSum: real(),
    wmaTrailing: real(),
    wmaRecent: reals(3),
    detrender: reals(10),
    q1: reals(10),
    jI: reals(10),
    jQ: reals(10),
    i1: reals(4),
    prevQ2: real(),
    prevI2: real(),
    re: real(),
    im: real(),
    // Once the loop runs the period is 0.2 * [6, 50] + 0.8 * the last one: never below 1.2, never above 50.
    period: real(0, 50),
  };
}

/** The first bar of the Hilbert loop. */
export function hilbertStart(warm: HilbertWarm): number {
  return 3 + warm;
}

/** Relations every reachable core state satisfies, `bars` being the bars committed. */
export function hilbertRelations(s: HilbertState, warm: HilbertWarm, bars: number): StateProblem | undefined {
  const started = s.bars > hilbertStart(warm);
  return (
    unless(s.bars === bars, 'bars', `must be the ${bars} bars committed`) ??
    (s.bars === 0 ? stillZero(s, ['wmaSub', 'wmaSum'], 'before the first bar') : undefined) ??
    (s.bars <= 3 ? unless(s.wmaTrailing === 0, 'wmaTrailing', 'must be 0 until the fourth bar') : undefined) ??
    (started
      ? unless(s.period >= 1.2, 'period', 'is at least 1.2 once the Hilbert loop has run')
      : zeros(s, ['detrender', 'q1', 'jI', 'jQ', 'i1']) ?? stillZero(s, LOOP_FIELDS, 'before the Hilbert loop starts'))
  );
}

function zeros(s: HilbertState, fields: readonly string[]): StateProblem | undefined {
  for (const f of fields) {
    const a = s[f] as number[];
    for (let i = 0; i < a.length; i++) if (a[i] !== 0) return { field: f, reason: `[${i}] must be 0 before the Hilbert loop starts` };
  }
  return undefined;
}

/** What one loop bar of the core computed, for the output stages (reused, not reallocated). */
export interface HilbertBar {
  /** The 4-bar WMA of the price (TA-Lib's smoothedValue). */
  smoothed: number;
  /** The in-phase component of this bar's chain (the detrender three bars back) and the quadrature. */
  i1: number;
  q1: number;
}

/**
 * One Hilbert transform step, TA-Lib's DO_HILBERT_TRANSFORM on the ring of one parity (`odd`), slot
 * `idx`, in its statement order: returns the transform's new value.
 */
function transform(v: number[], input: number, odd: boolean, idx: number, adjustedPrevPeriod: number): number {
  const ring = odd ? idx : 3 + idx;
  const prev = odd ? 6 : 7;
  const prevInput = odd ? 8 : 9;
  const t = A * input;
  let out = -v[ring]!;
  v[ring] = t;
  out += t;
  out -= v[prev]!;
  v[prev] = B * v[prevInput]!;
  out += v[prev]!;
  v[prevInput] = input;
  out *= adjustedPrevPeriod;
  return out;
}

/**
 * Consumes one price. Returns true on the bars of the Hilbert loop (bar index >= 3 + warm), with
 * `into` holding what the output stages need and s.period the updated period; false during the
 * WMA's warm-up. `into.smoothed` is set on every bar from the fourth on.
 */
export function hilbertUpdate(s: HilbertState, x: number, warm: HilbertWarm, into: HilbertBar): boolean {
  const today = s.bars;
  s.bars = today + 1;
  const recent = s.wmaRecent;
  if (today < 3) {
    // TA-Lib's unrolled start: sub = x0 + x1 + x2, sum = x0 + 2 x1 + 3 x2.
    s.wmaSub += x;
    s.wmaSum += x * (today + 1);
    recent[today] = x;
    return false;
  }
  const start = 3 + warm;
  // Read before the WMA step: TA-Lib computes adjustedPrevPeriod first on every loop bar.
  const adjustedPrevPeriod = 0.075 * s.period + 0.54;
  // DO_PRICE_WMA: the oldest of the four leaves the sums after this bar's weighted value is taken.
  const slot = today % 3;
  s.wmaSub += x;
  s.wmaSub -= s.wmaTrailing;
  s.wmaSum += x * 4.0;
  s.wmaTrailing = recent[slot]!;
  recent[slot] = x;
  const smoothed = s.wmaSum * 0.1;
  s.wmaSum -= s.wmaSub;
  into.smoothed = smoothed;
  if (today < start) return false;

  // hilbertIdx: TA-Lib advances it after each even loop bar; count the even bars in [start, today).
  const idx = (((today + 1) >> 1) - ((start + 1) >> 1)) % 3;
  const odd = today % 2 === 1;
  const i1 = s.i1;
  // This chain's I1 (three bars of its parity back) is what jI and I2 read.
  const i1Prev3 = odd ? i1[1]! : i1[3]!;
  const detrender = transform(s.detrender, smoothed, odd, idx, adjustedPrevPeriod);
  const q1 = transform(s.q1, detrender, odd, idx, adjustedPrevPeriod);
  const jI = transform(s.jI, i1Prev3, odd, idx, adjustedPrevPeriod);
  const jQ = transform(s.jQ, q1, odd, idx, adjustedPrevPeriod);
  const q2 = 0.2 * (q1 + jI) + 0.8 * s.prevQ2;
  const i2 = 0.2 * (i1Prev3 - jQ) + 0.8 * s.prevI2;
  if (odd) {
    i1[3] = i1[2]!;
    i1[2] = detrender;
  } else {
    i1[1] = i1[0]!;
    i1[0] = detrender;
  }
  into.i1 = i1Prev3;
  into.q1 = q1;

  s.re = 0.2 * (i2 * s.prevI2 + q2 * s.prevQ2) + 0.8 * s.re;
  s.im = 0.2 * (i2 * s.prevQ2 - q2 * s.prevI2) + 0.8 * s.im;
  s.prevQ2 = q2;
  s.prevI2 = i2;
  const last = s.period;
  let period = last;
  if (s.im !== 0 && s.re !== 0) period = 360 / (Math.atan(s.im / s.re) * RAD2DEG);
  let bound = 1.5 * last;
  if (period > bound) period = bound;
  bound = 0.67 * last;
  if (period < bound) period = bound;
  if (period < 6) period = 6;
  else if (period > 50) period = 50;
  s.period = 0.2 * period + 0.8 * last;
  return true;
}

// sin and cos of TA-Lib's DFT angles (i * TWO_PI) / n, for n <= 50 and i < n: the values Math.sin and
// Math.cos give for those doubles, computed once per n (row n * 50) instead of twice per term per bar.
const DFT_SIN = new Float64Array(51 * SMOOTH_PRICE_SIZE);
const DFT_COS = new Float64Array(51 * SMOOTH_PRICE_SIZE);
const dftReady = new Uint8Array(51);

function dftRow(n: number): number {
  const row = n * SMOOTH_PRICE_SIZE;
  if (dftReady[n] === 0) {
    for (let i = 0; i < n; i++) {
      const angle = (i * TWO_PI) / n;
      DFT_SIN[row + i] = Math.sin(angle);
      DFT_COS[row + i] = Math.cos(angle);
    }
    dftReady[n] = 1;
  }
  return row;
}

/** The last DFT dcPhase computed (read by the tests to tell well-conditioned phases from noise). */
export const lastDft = { real: 0, imag: 0 };

/**
 * The dominant-cycle phase in degrees, TA-Lib's HT_DCPHASE stage: the DFT of the last
 * int(smoothPeriod + 0.5) smoothed prices (ring `prices`, newest at `newest`, walking back), then the
 * phase corrections. `phase` is the last bar's phase, kept where the imaginary part is exactly 0.
 */
export function dcPhase(prices: readonly number[], newest: number, smoothPeriod: number, phase: number): number {
  const dft = lastDft;
  const periodInt = Math.trunc(smoothPeriod + 0.5);
  let realPart = 0;
  let imagPart = 0;
  let idx = newest;
  const row = dftRow(periodInt);
  for (let i = 0; i < periodInt; i++) {
    const v = prices[idx]!;
    realPart += DFT_SIN[row + i]! * v;
    imagPart += DFT_COS[row + i]! * v;
    idx = idx === 0 ? SMOOTH_PRICE_SIZE - 1 : idx - 1;
  }
  dft.real = realPart;
  dft.imag = imagPart;
  let p = phase;
  const size = Math.abs(imagPart);
  if (size > 0) p = Math.atan(realPart / imagPart) * RAD2DEG;
  else if (size <= 0.01) {
    if (realPart < 0) p -= 90;
    else if (realPart > 0) p += 90;
  }
  p += 90;
  p += 360 / smoothPeriod;
  if (imagPart < 0) p += 180;
  if (p > 315) p -= 360;
  return p;
}

/**
 * TA-Lib's instantaneous trendline before its 4-3-2-1 smoothing: the mean of the last
 * int(smoothPeriod + 0.5) prices (ring `prices` of raw inputs, slot bar % 50, newest first).
 */
export function trendMean(prices: readonly number[], today: number, smoothPeriod: number): number {
  const periodInt = Math.trunc(smoothPeriod + 0.5);
  let sum = 0;
  let idx = today % SMOOTH_PRICE_SIZE;
  for (let i = 0; i < periodInt; i++) {
    sum += prices[idx]!;
    idx = idx === 0 ? SMOOTH_PRICE_SIZE - 1 : idx - 1;
  }
  return periodInt > 0 ? sum / periodInt : sum;
}

/**
 * The trendline (4 mean + 3 mean[1] + 2 mean[2] + mean[3]) / 10, in TA-Lib's order; `trend` holds the
 * last three means, newest first, and takes this one.
 */
export function trendlineNext(trend: number[], mean: number): number {
  const line = (4.0 * mean + 3.0 * trend[0]! + 2.0 * trend[1]! + trend[2]!) / 10.0;
  trend[2] = trend[1]!;
  trend[1] = trend[0]!;
  trend[0] = mean;
  return line;
}

// The 63-bar functions' stages: the smoothed period, the ring of smoothed prices and the phase.

export const CYCLE_WARM: HilbertWarm = 34;
export const CYCLE_LOOKBACK = 63;

/** HT_DCPHASE's state (also HT_SINE's, and the base of HT_TRENDMODE's). */
export interface PhaseState extends HilbertState {
  smoothPeriod: number;
  /** TA-Lib's smoothPrice ring: the WMA of each loop bar, slot (bar - 37) % 50. */
  smoothPrices: number[];
  dcPhase: number;
}

export function phaseInit(): PhaseState {
  return { ...hilbertInit(), smoothPeriod: 0, smoothPrices: new Array<number>(SMOOTH_PRICE_SIZE).fill(0), dcPhase: 0 };
}

export function phaseSpec(): StateSpec {
  return { ...hilbertSpec(), smoothPeriod: real(0, 50), smoothPrices: reals(SMOOTH_PRICE_SIZE), dcPhase: real() };
}

/** Slots of a ring (slot = bar % length from `first` on) not yet written after `written` bars must hold 0. */
export function ringUnwritten(ring: readonly number[], written: number, field: string): StateProblem | undefined {
  for (let i = Math.max(0, written); i < ring.length; i++) if (ring[i] !== 0) return { field, reason: `[${i}] is not written yet, so must be 0` };
  return undefined;
}

export function phaseRelations(s: PhaseState, bars: number): StateProblem | undefined {
  const loopBars = s.bars - hilbertStart(CYCLE_WARM);
  return (
    hilbertRelations(s, CYCLE_WARM, bars) ??
    (loopBars <= 0 ? stillZero(s, ['smoothPeriod', 'dcPhase'], 'before the Hilbert loop starts') : unless(s.smoothPeriod >= 0.39, 'smoothPeriod', 'is at least 0.396 once the Hilbert loop has run')) ??
    ringUnwritten(s.smoothPrices, loopBars, 'smoothPrices')
  );
}

/** The smoothed period after a loop bar: 0.33 period + 0.67 the last (HT_DCPERIOD's output). */
export function smoothPeriodNext(period: number, smoothPeriod: number): number {
  return 0.33 * period + 0.67 * smoothPeriod;
}

const phaseScratch: HilbertBar = { smoothed: 0, i1: 0, q1: 0 };

/**
 * Consumes one price for the 63-bar functions: the core, the smoothed period, the smoothed price into
 * the ring, and the dominant-cycle phase (s.dcPhase). Returns false before the loop starts.
 */
export function phaseUpdate(s: PhaseState, x: number): boolean {
  const today = s.bars;
  if (!hilbertUpdate(s, x, CYCLE_WARM, phaseScratch)) return false;
  const slot = (today - hilbertStart(CYCLE_WARM)) % SMOOTH_PRICE_SIZE;
  s.smoothPrices[slot] = phaseScratch.smoothed;
  s.smoothPeriod = smoothPeriodNext(s.period, s.smoothPeriod);
  s.dcPhase = dcPhase(s.smoothPrices, slot, s.smoothPeriod, s.dcPhase);
  return true;
}

/** The current smoothed price (the ring's newest slot), after a loop bar. */
export function newestSmoothPrice(s: PhaseState): number {
  return s.smoothPrices[(s.bars - 1 - hilbertStart(CYCLE_WARM)) % SMOOTH_PRICE_SIZE]!;
}

// MAMA (Ehlers' MESA adaptive moving average), the interface TA-Lib's MA type 7 builds on.

export const MAMA_LOOKBACK = 32;
const MAMA_WARM: HilbertWarm = 9;

export interface MamaState extends HilbertState {
  fastLimit: number;
  slowLimit: number;
  mama: number;
  fama: number;
  prevPhase: number;
}

/** A MAMA stream's state; the limits are kept in it (TA-Lib accepts 0.01..0.99 for both). */
export function mamaInit(fastLimit: number, slowLimit: number): MamaState {
  return { ...hilbertInit(), fastLimit, slowLimit, mama: 0, fama: 0, prevPhase: 0 };
}

export function mamaSpec(fastLimit: number, slowLimit: number): StateSpec {
  return {
    ...hilbertSpec(),
    fastLimit: real(fastLimit, fastLimit),
    slowLimit: real(slowLimit, slowLimit),
    mama: real(),
    fama: real(),
    // atan in degrees: within [-90, 90] up to rounding.
    prevPhase: real(-91, 91),
  };
}

export function mamaRelations(s: MamaState, bars: number): StateProblem | undefined {
  return (
    hilbertRelations(s, MAMA_WARM, bars) ??
    (s.bars <= hilbertStart(MAMA_WARM) ? stillZero(s, ['mama', 'fama', 'prevPhase'], 'before the Hilbert loop starts') : undefined)
  );
}

/** The core's last bar as MAMA saw it (the tests read I1 to find bars whose phase is 0 / 0 noise). */
export const mamaScratch: HilbertBar = { smoothed: 0, i1: 0, q1: 0 };

/**
 * Consumes one price; returns MAMA (NaN for the first MAMA_LOOKBACK bars), FAMA left in s.fama.
 * TA-Lib's order: the phase from Q1 / I1 (0 where I1 is 0), alpha = fastLimit / (phase change)
 * floored at slowLimit (fastLimit where the change is at most 1 degree), MAMA and FAMA (alpha / 2).
 */
export function mamaUpdate(s: MamaState, x: number): number {
  const today = s.bars;
  if (!hilbertUpdate(s, x, MAMA_WARM, mamaScratch)) return NaN;
  const phase = mamaScratch.i1 !== 0 ? Math.atan(mamaScratch.q1 / mamaScratch.i1) * RAD2DEG : 0;
  let alpha = s.prevPhase - phase;
  s.prevPhase = phase;
  if (alpha < 1) alpha = 1;
  if (alpha > 1) {
    alpha = s.fastLimit / alpha;
    if (alpha < s.slowLimit) alpha = s.slowLimit;
  } else {
    alpha = s.fastLimit;
  }
  s.mama = alpha * x + (1 - alpha) * s.mama;
  alpha *= 0.5;
  s.fama = alpha * s.mama + (1 - alpha) * s.fama;
  return today >= MAMA_LOOKBACK ? s.mama : NaN;
}

/**
 * Bars after the lookback until the Hilbert core no longer depends on where the series started, to
 * 1e-10 relative: its state forgets through the 0.2 / 0.8 smoothings and the period's feedback into
 * the transforms' scale. Measured (kernels/test/subrange.test.ts's method, 48 suffixes of the walk,
 * rough, tiny and huge series): at most 581 bars for HT_DCPERIOD and HT_PHASOR, 260 for
 * HT_TRENDLINE; 1000 leaves a margin. The phase functions' well-conditioned bars agree from there too.
 */
export const HILBERT_WARMUP = 1000;
