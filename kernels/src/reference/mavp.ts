// TA-Lib's MAVP (moving average with variable period): each bar's output is the MA, of that bar's
// period, that TA-Lib computes for every period from the first output bar on (TA_MAVP calls TA_MA
// for each distinct period with startIdx = its own lookback, so the MA of period p starts at bar
// lookback(max) - lookback(p) and reaches its first value on the first output bar).
import { reals, barCount, unless, type StateProblem, type StateSpec } from '../state.ts';
import { emaK } from './common.ts';
import {
  cachedStage, kamaSmoothing, MA_DEMA, MA_EMA, MA_KAMA, MA_MAMA, MA_SMA, MA_T3, MA_TEMA, MA_TRIMA, MA_WMA,
  maInit, maLookback, maPush, maRelations, maSpec, maStage, maTypeLookback, t3Value, T3_MA_VFACTOR, type MaStage,
} from './ma.ts';
import type { Params, StreamKernel } from '../types.ts';

const INT_MIN = -2147483648;

/**
 * A bar's period as TA-Lib takes it: (int)inPeriods[i] (C truncation; on x86, the oracle's platform,
 * a value outside the int range converts to INT_MIN), then raised to min or lowered to max.
 */
export function mavpPeriod(v: number, min: number, max: number): number {
  const t = v > -2147483649 && v < 2147483648 ? Math.trunc(v) : INT_MIN;
  return t < min ? min : t > max ? max : t;
}

/** The MAVP lookback: TA_MA_Lookback(maxPeriod, maType). */
export function mavpLookback(p: Params): number {
  return maTypeLookback(p.maType!, p.maxPeriod!);
}

/** Numbers each period keeps in the stream (beside the shared history of inputs). */
export function mavpSlots(type: number): number {
  switch (type) {
    case MA_SMA: case MA_EMA: return 1;
    case MA_WMA: case MA_DEMA: case MA_KAMA: return 2;
    case MA_TEMA: case MA_TRIMA: return 3;
    case MA_T3: return 6;
    default: return 0; // MAMA: one state for every period (TA-Lib's MAMA ignores the period)
  }
}

/** Inputs before the current one that the stream keeps: the furthest any period of the type reads back. */
export function mavpHistory(type: number, max: number): number {
  switch (type) {
    case MA_SMA: return max - 1; // x[t - p + 1]
    case MA_WMA: case MA_TRIMA: return max; // x[t - p]
    case MA_KAMA: return max + 1; // x[t - p - 1]
    default: return 0;
  }
}

/**
 * The stream's state:
 * - `bars`: bars seen;
 * - `hist`: the last `hist.length` inputs, hist[t % length] the oldest (a ring written in bar order);
 * - `acc`: per period p in [minPeriod, maxPeriod], mavpSlots(type) running numbers at (p - min) * slots,
 *   0 until the period's MA starts at bar lookback(max) - lookback(p): its running total (SMA),
 *   periodSum and periodSub (WMA), numerator, numeratorSub and numeratorAdd (TRIMA), sumROC1 and the
 *   last KAMA (KAMA), the chained EMAs, each its seeding sum until seeded (EMA, DEMA, TEMA, T3);
 *   under MAMA the single MAMA stage's acc (see ma.ts), `hist` empty.
 * Memory: 8 bytes per number, (maxPeriod - minPeriod + 1) * slots + history, at most about 2.2 MB
 * (T3 from 2 to 46340); each bar updates every period.
 */
export interface MavpState {
  [key: string]: number | number[];
  bars: number;
  hist: number[];
  acc: number[];
}

interface MavpPlan {
  type: number;
  min: number;
  max: number;
  slots: number;
  /** First output bar: lookback(max). */
  lookback: number;
  /** Per period (index p - min): the bar its MA starts, lookback - lookback(p). */
  start: Int32Array;
  /** Under MAMA: the one stage every period shares. */
  mama: MaStage | undefined;
}

function planOf(p: Params): MavpPlan {
  const type = p.maType!, min = p.minPeriod!, max = p.maxPeriod!;
  const lookback = maTypeLookback(type, max);
  const start = new Int32Array(type === MA_MAMA ? 0 : max - min + 1);
  for (let q = min; q <= max && type !== MA_MAMA; q++) start[q - min] = lookback - maTypeLookback(type, q);
  return { type, min, max, slots: mavpSlots(type), lookback, start, mama: type === MA_MAMA ? maStage(MA_MAMA, max) : undefined };
}

export const mavpPlan = cachedStage(planOf);

export function mavpInit(p: Params): MavpState {
  const plan = mavpPlan(p);
  if (plan.mama) return { bars: 0, hist: [], acc: maInit(plan.mama).acc };
  return { bars: 0, hist: new Array<number>(mavpHistory(plan.type, plan.max)).fill(0), acc: new Array<number>((plan.max - plan.min + 1) * plan.slots).fill(0) };
}

export function mavpSpec(p: Params): StateSpec {
  const plan = mavpPlan(p);
  if (plan.mama) return { bars: barCount(), hist: reals(0), acc: maSpec(plan.mama, 'ring', 'acc').acc! };
  return { bars: barCount(), hist: reals(mavpHistory(plan.type, plan.max)), acc: reals((plan.max - plan.min + 1) * plan.slots) };
}

export function mavpRelations(s: MavpState, p: Params, bars: number): StateProblem | undefined {
  const plan = mavpPlan(p);
  const problem = unless(s.bars === bars, 'bars', `counts the bars seen, so must be the ${bars} bars committed`);
  if (problem) return problem;
  if (plan.mama) return maRelations(plan.mama, { ring: [], acc: s.acc }, bars, 'ring', 'acc');
  for (let i = bars; i < s.hist.length; i++) {
    if (s.hist[i] !== 0) return { field: 'hist', reason: `[${i}] is beyond the ${bars} inputs seen, so must be 0` };
  }
  for (let q = plan.min; q <= plan.max; q++) {
    if (bars > plan.start[q - plan.min]!) continue;
    for (let j = 0; j < plan.slots; j++) {
      const at = (q - plan.min) * plan.slots + j;
      if (s.acc[at] !== 0) return { field: 'acc', reason: `[${at}] belongs to period ${q}, whose MA starts at bar ${plan.start[q - plan.min]}, so must be 0` };
    }
  }
  return undefined;
}

const t3Scratch = new Array<number>(7).fill(0);

/**
 * Feeds bar t (input x, period `period`) to every period's MA; returns the MA of `period` (NaN
 * before the first output bar). Each period's arithmetic is its ma.ts stage's, step for step, with
 * the inputs it would keep in its own ring read from the shared history.
 */
export function mavpUpdate(s: MavpState, x: number, periodIn: number, p: Params): number {
  const plan = mavpPlan(p);
  const t = s.bars;
  s.bars = t + 1;
  const want = mavpPeriod(periodIn, plan.min, plan.max);
  if (plan.mama) {
    const v = maPush(plan.mama, { ring: [], acc: s.acc }, x);
    return t < plan.lookback ? NaN : v;
  }
  const hist = s.hist;
  const h = hist.length;
  const back = (j: number): number => hist[(t - j) % h]!; // x[t - j], 1 <= j <= h, j <= t
  const acc = s.acc;
  const slots = plan.slots;
  let out = NaN;
  for (let q = plan.min; q <= plan.max; q++) {
    const u = t - plan.start[q - plan.min]!; // x's index in this period's MA
    if (u < 0) continue;
    const o = (q - plan.min) * slots;
    const v = step(plan.type, acc, o, q, u, x, back);
    if (q === want) out = v;
  }
  if (h > 0) hist[t % h] = x;
  return t < plan.lookback ? NaN : out;
}

/** One period's MA fed its u-th input x (acc at offset o); the MA after it, NaN before its first value. */
function step(type: number, acc: number[], o: number, p: number, u: number, x: number, back: (j: number) => number): number {
  switch (type) {
    case MA_SMA: {
      acc[o] = acc[o]! + x;
      if (u < p - 1) return NaN;
      const v = acc[o]!;
      acc[o] = acc[o]! - back(p - 1);
      return v / p;
    }
    case MA_EMA: return chain(acc, o, p, u, x, 1, false) ? acc[o]! : NaN;
    case MA_DEMA: return chain(acc, o, p, u, x, 2, false) ? 2.0 * acc[o]! - acc[o + 1]! : NaN;
    case MA_TEMA: return chain(acc, o, p, u, x, 3, false) ? acc[o + 2]! + (3.0 * acc[o]! - 3.0 * acc[o + 1]!) : NaN;
    case MA_T3: {
      if (!chain(acc, o, p, u, x, 6, true)) return NaN;
      for (let j = 0; j < 6; j++) t3Scratch[j + 1] = acc[o + j]!;
      return t3Value(t3Scratch, T3_MA_VFACTOR);
    }
    case MA_WMA: return wma(acc, o, p, u, x, back);
    case MA_TRIMA: return trima(acc, o, p, u, x, back);
    case MA_KAMA: return kama(acc, o, p, u, x, back);
    default: throw new Error(`MAVP: MA type ${type} has no per-period stage`);
  }
}

/** ma.ts chainPush with the stages at acc[o..o + stages). */
function chain(acc: number[], o: number, p: number, u: number, x: number, stages: number, t3: boolean): boolean {
  const k = t3 ? 2.0 / (p + 1.0) : emaK(p);
  const oneMinusK = 1.0 - k;
  let v = x;
  for (let j = 0; j < stages; j++) {
    const uj = u - j * (p - 1);
    const e = acc[o + j]!;
    if (uj < p) {
      acc[o + j] = e + v;
      if (uj < p - 1) return false;
      acc[o + j] = acc[o + j]! / p;
    } else {
      acc[o + j] = t3 ? k * v + oneMinusK * e : (v - e) * k + e;
    }
    v = acc[o + j]!;
  }
  return true;
}

/** ma.ts wmaPush: acc[o] periodSum, acc[o + 1] periodSub; the trailing value is x[t - p] (0 at the first output). */
function wma(acc: number[], o: number, p: number, u: number, x: number, back: (j: number) => number): number {
  if (u < p - 1) {
    // TA-Lib's first loop: periodSub += v; periodSum += v * i, i = 1, 2, ...
    acc[o + 1] = acc[o + 1]! + x;
    acc[o] = acc[o]! + x * (u + 1);
    return NaN;
  }
  const trailing = u === p - 1 ? 0 : back(p);
  acc[o + 1] = acc[o + 1]! + x;
  acc[o + 1] = acc[o + 1]! - trailing;
  acc[o] = acc[o]! + x * p;
  const v = acc[o]! / ((p * (p + 1)) / 2);
  acc[o] = acc[o]! - acc[o + 1]!;
  return v;
}

/** ma.ts trimaPush: acc[o] numerator, acc[o + 1] numeratorSub, acc[o + 2] numeratorAdd. */
function trima(acc: number[], o: number, p: number, u: number, x: number, back: (j: number) => number): number {
  if (u < p - 1) return NaN;
  const half = p >> 1;
  const odd = p % 2 === 1;
  const factor = 1.0 / (odd ? (half + 1) * (half + 1) : half * (half + 1));
  // The window's i-th value (0 = oldest), x the newest.
  const win = (i: number): number => (i === p - 1 ? x : back(p - 1 - i));
  if (u === p - 1) {
    const middle = odd ? half : half - 1;
    let numerator = 0;
    let sub = 0;
    for (let i = middle; i >= 0; i--) {
      sub += win(i);
      numerator += sub;
    }
    let add = 0;
    for (let i = middle + 1; i <= p - 1; i++) {
      add += win(i);
      numerator += add;
    }
    acc[o] = numerator;
    acc[o + 1] = sub;
    acc[o + 2] = add;
    return numerator * factor;
  }
  const trailing = back(p);
  const mid = back(half);
  let numerator = acc[o]!;
  let sub = acc[o + 1]!;
  let add = acc[o + 2]!;
  numerator -= sub;
  sub -= trailing;
  sub += mid;
  if (odd) {
    numerator += add;
    add -= mid;
  } else {
    add -= mid;
    numerator += add;
  }
  add += x;
  numerator += x;
  acc[o] = numerator;
  acc[o + 1] = sub;
  acc[o + 2] = add;
  return numerator * factor;
}

/** ma.ts kamaPush: acc[o] sumROC1, acc[o + 1] the last KAMA. */
function kama(acc: number[], o: number, p: number, u: number, x: number, back: (j: number) => number): number {
  if (u < p) {
    if (u > 0) acc[o] = acc[o]! + Math.abs(back(1) - x);
    return NaN;
  }
  const prevX = back(1);
  const trailing = back(p);
  if (u === p) {
    acc[o] = acc[o]! + Math.abs(prevX - x);
    acc[o + 1] = prevX;
  } else {
    acc[o] = acc[o]! - Math.abs(back(p + 1) - trailing);
    acc[o] = acc[o]! + Math.abs(x - prevX);
  }
  const sc = kamaSmoothing(x - trailing, acc[o]!);
  acc[o + 1] = (x - acc[o + 1]!) * sc + acc[o + 1]!;
  return acc[o + 1]!;
}

export const mavpStreamKernel: StreamKernel<MavpState> = {
  init: mavpInit,
  spec: mavpSpec,
  relations: mavpRelations,
  update(s, bar, out, p) {
    out[0] = mavpUpdate(s, bar[0]!, bar[1]!, p);
  },
};

/**
 * The batch reference, as TA_MAVP computes it: each distinct period of the output bars gets one MA
 * pass (its ma.ts stage from bar lookback(max) - lookback(p)), written where that period is asked.
 */
export function mavpBatch(x: Float64Array, periods: Float64Array, out: Float64Array, p: Params): void {
  const plan = mavpPlan(p);
  const n = x.length;
  out.fill(NaN);
  if (n <= plan.lookback) return;
  const asked = new Int32Array(n);
  const order: number[] = [];
  const seen = new Set<number>();
  for (let i = plan.lookback; i < n; i++) {
    const q = mavpPeriod(periods[i]!, plan.min, plan.max);
    asked[i] = q;
    if (!seen.has(q)) {
      seen.add(q);
      order.push(q);
    }
  }
  for (const q of order) {
    const stage = maStage(plan.type, q);
    const from = plan.lookback - maLookback(stage);
    const arrays = maInit(stage);
    for (let i = from; i < n; i++) {
      const v = maPush(stage, arrays, x[i]!);
      if (i >= plan.lookback && asked[i] === q) out[i] = v;
    }
  }
}
