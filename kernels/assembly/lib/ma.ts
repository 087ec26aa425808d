// The moving-average family: EMAs advanced four bars per step, chained EMAs seeded as TA-Lib seeds
// them, and TA-Lib's SMA in re-summed blocks.
import { at, emaK, ld, st, sumRange, TA_EPSILON } from './common';
import { load2 } from './panel';
import { mamaInto } from './hilbert';

// Advancing an EMA four bars per step: with a = 1 - k, e[t+j] = a^j * e[t] + u[j], where u only
// depends on the inputs. The loop-carried chain is then one multiply-add per four bars instead of
// four dependent subtract-multiply-adds. Coefficients are passed as vectors (no allocation).
// @ts-ignore: decorator
@inline export function coefA12(a: f64): v128 {
  return f64x2.replace_lane(f64x2.splat(a), 1, a * a);
}

// @ts-ignore: decorator
@inline export function coefA34(a: f64): v128 {
  const a3 = a * a * a;
  return f64x2.replace_lane(f64x2.splat(a3), 1, a3 * a);
}

/** Writes e[i..i+3] to out from x[i..i+3], given e = e[i-1]; returns e[i+3]. */
// @ts-ignore: decorator
@inline export function ema4(k: v128, a: v128, a12: v128, a34: v128, x: usize, out: usize, i: i32, e: f64): f64 {
  const zero = f64x2.splat(0);
  const kx01 = f64x2.mul(k, v128.load(at(x, i)));
  const kx23 = f64x2.mul(k, v128.load(at(x, i + 2)));
  const u01 = f64x2.add(kx01, f64x2.mul(a, v128.shuffle<f64>(zero, kx01, 0, 2)));
  let u23 = f64x2.add(kx23, f64x2.mul(a, v128.shuffle<f64>(zero, kx23, 0, 2)));
  u23 = f64x2.add(u23, f64x2.mul(a12, v128.shuffle<f64>(u01, u01, 1, 1)));
  const ev = f64x2.splat(e);
  const e01 = f64x2.add(f64x2.mul(a12, ev), u01);
  const e23 = f64x2.add(f64x2.mul(a34, ev), u23);
  v128.store(at(out, i), e01);
  v128.store(at(out, i + 2), e23);
  return f64x2.extract_lane(e23, 1);
}

/**
 * The input terms of four EMA steps from inputs in registers: u01 = [k x0, k x1 + a k x0] and
 * u23 likewise, plus a^2 u01[1] (see ema4). Then e[i..i+1] = a12 * e + u01, e[i+2..i+3] = a34 * e + u23.
 */
// @ts-ignore: decorator
@inline export function emaTerms01(k: v128, a: v128, x01: v128): v128 {
  const kx01 = f64x2.mul(k, x01);
  return f64x2.add(kx01, f64x2.mul(a, v128.shuffle<f64>(f64x2.splat(0), kx01, 0, 2)));
}

// @ts-ignore: decorator
@inline export function emaTerms23(k: v128, a: v128, a12: v128, u01: v128, x23: v128): v128 {
  const kx23 = f64x2.mul(k, x23);
  const u23 = f64x2.add(kx23, f64x2.mul(a, v128.shuffle<f64>(f64x2.splat(0), kx23, 0, 2)));
  return f64x2.add(u23, f64x2.mul(a12, v128.shuffle<f64>(u01, u01, 1, 1)));
}

/** Continues an EMA over x[from..n) into out, starting from e = e[from-1]; returns the last value. */
export function emaRun(x: usize, out: usize, from: i32, n: i32, kk: f64, e: f64): f64 {
  const a = 1.0 - kk;
  const k = f64x2.splat(kk);
  const av = f64x2.splat(a);
  const a12 = coefA12(a);
  const a34 = coefA34(a);
  let i = from;
  for (; i + 3 < n; i += 4) e = ema4(k, av, a12, a34, x, out, i, e);
  for (; i < n; i++) {
    e = (load<f64>(at(x, i)) - e) * kk + e;
    store<f64>(at(out, i), e);
  }
  return e;
}

// Chained EMAs (DEMA, TEMA, TRIX) seeded as TA-Lib's INT_EMA calls do: each stage with the mean of
// its first `period` inputs, summed left to right from 0. The results are left in globals (the
// kernels never allocate).
export let seedE1: f64 = 0;
export let seedE2: f64 = 0;
export let seedE3: f64 = 0;
export let seedV1: v128 = f64x2.splat(0);
export let seedV2: v128 = f64x2.splat(0);
export let seedV3: v128 = f64x2.splat(0);

/**
 * The single-series kernels' seeds: `stages` (2 or 3) chained EMAs over bars 0 ..= stages * (period
 * - 1), their values at that bar in seedE1..3. Stage after stage: a stage's mean of its first
 * `period` inputs (TA-Lib's order), then its EMA by emaRun, four bars per loop-carried step as
 * those kernels' main loops advance (TA-Lib's bar-by-bar form, all stages in one loop, waits on one
 * subtract-multiply-add per bar; DEMA, TEMA and TRIX at 100 bars took 16-22% less time, Workspace).
 * Each stage's values are written over `work` ((stages - 1) * (period - 1) + 1 of them: the output's
 * lookback bars, NaN afterwards), where the next stage reads them in place. period >= 2.
 */
export function chainSeed(x: usize, work: usize, period: i32, stages: i32): void {
  const kk = emaK(period);
  const p = <f64>period;
  const last = stages * (period - 1);
  // work[j] is stage one's EMA at bar j + period - 1, for j up to span - 1 (bar `last`).
  const span = last - period + 2;
  let e = sumRange(x, 0, period) / p;
  st(work, 0, e);
  seedE1 = emaRun(x, work - (<usize>(period - 1) << 3), period, last + 1, kk, e);
  // Stage two over work[0 .. span), in place: its EMA at bar j + period - 1 goes to work[j].
  e = sumRange(work, 0, period) / p;
  st(work, period - 1, e);
  seedE2 = emaRun(work, work, period, span, kk, e);
  if (stages < 3) return;
  // Stage three over stage two's values, work[period - 1 .. span): span - (period - 1) = period of them.
  seedE3 = sumRange(work, period - 1, span) / p;
}

/** The panels' seeds: two series at once (lanes 0 and 1), TA-Lib's bar-by-bar operations per lane; results in seedV1..3. */
export function chainSeed2(x0: usize, x1: usize, period: i32, stages: i32): void {
  const k = f64x2.splat(emaK(period));
  const p = f64x2.splat(<f64>period);
  const last = stages * (period - 1);
  let e1 = f64x2.splat(0), e2 = f64x2.splat(0), e3 = f64x2.splat(0);
  for (let t = 0; t <= last; t++) {
    const v = load2(x0, x1, t);
    if (t < period) {
      e1 = f64x2.add(e1, v);
      if (t < period - 1) continue;
      e1 = f64x2.div(e1, p);
    } else e1 = f64x2.add(f64x2.mul(f64x2.sub(v, e1), k), e1);
    if (stages < 2) continue;
    const t2 = t - (period - 1);
    if (t2 < period) {
      e2 = f64x2.add(e2, e1);
      if (t2 < period - 1) continue;
      e2 = f64x2.div(e2, p);
    } else e2 = f64x2.add(f64x2.mul(f64x2.sub(e1, e2), k), e2);
    if (stages < 3) continue;
    const t3 = t2 - (period - 1);
    if (t3 < period) {
      e3 = f64x2.add(e3, e2);
      if (t3 < period - 1) continue;
      e3 = f64x2.div(e3, p);
    } else e3 = f64x2.add(f64x2.mul(f64x2.sub(e2, e3), k), e3);
  }
  seedV1 = e1;
  seedV2 = e2;
  seedV3 = e3;
}

/** One exact EMA step per lane: ((v - e) * k) + e. */
// @ts-ignore: decorator
@inline export function emaStep2(v: v128, e: v128, k: v128): v128 {
  return f64x2.add(f64x2.mul(f64x2.sub(v, e), k), e);
}

/**
 * TA-Lib's SMA of x into out[first..n) (x valid from first - period + 1), re-summed from scratch,
 * left to right, at `first` and every `every` outputs after it: per block exactly TA-Lib's
 * arithmetic (total += new; emit total / period; total -= oldest).
 */
export function smaBlocks(x: usize, out: usize, first: i32, n: i32, period: i32, every: i32): void {
  const p = <f64>period;
  for (let block = first; block < n; block += every) {
    const end = min(block + every, n);
    let total: f64 = 0;
    for (let i = block - period + 1; i < block; i++) total += ld(x, i);
    for (let i = block; i < end; i++) {
      total += ld(x, i);
      const v = total;
      total -= ld(x, i - period + 1);
      st(out, i, v / p);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// TA-Lib's MA types (TA_MAType 0..8) as array-to-array passes, each with TA-Lib's arithmetic step
// for step (the reference stages in src/reference/ma.ts). A pass reads x[start..n) as TA_MA would
// when its computation begins at `start`, and hands each value v at bar i >= emitFrom (and past the
// type's lookback) to `emit`: mode MA_STORE writes v, MA_DIFF writes v - out[i] (APO: out holds the
// slow MA), MA_PERCENT writes TA-Lib's PPO ((v - s) / s) * 100 with s = out[i] (0 when s is zero).
// out must not alias x. Nothing is written before the first emitted bar.
// ---------------------------------------------------------------------------------------------

export const MA_STORE: i32 = 0;
export const MA_DIFF: i32 = 1;
export const MA_PERCENT: i32 = 2;
/** MAVP: writes v only at bars whose period (selectPeriods[i] as mavpPeriod takes it) is selectPeriod. */
export const MA_SELECT: i32 = 3;

export let selectPeriods: usize = 0;
export let selectMin: i32 = 0;
export let selectMax: i32 = 0;
export let selectPeriod: i32 = 0;

/**
 * TA-Lib MAVP's period of a bar: (int)v, C's truncation (INT_MIN outside the int range, as x86
 * converts), raised to min or lowered to max. v is finite (the host checks every input).
 */
// @ts-ignore: decorator
@inline export function mavpPeriod(v: f64, min: i32, max: i32): i32 {
  const t: i32 = v > -2147483649.0 && v < 2147483648.0 ? <i32>v : i32.MIN_VALUE;
  return t < min ? min : t > max ? max : t;
}

// @ts-ignore: decorator
@inline function emit(out: usize, i: i32, v: f64, mode: i32): void {
  if (mode == MA_STORE) {
    st(out, i, v);
  } else if (mode == MA_SELECT) {
    if (mavpPeriod(ld(selectPeriods, i), selectMin, selectMax) == selectPeriod) st(out, i, v);
  } else if (mode == MA_DIFF) {
    st(out, i, v - ld(out, i));
  } else {
    const s = ld(out, i);
    st(out, i, s > -TA_EPSILON && s < TA_EPSILON ? 0.0 : ((v - s) / s) * 100.0);
  }
}

/** TA_MA_Lookback(period, type); MAMA's is 32 and ignores the period. */
export function maTypeLookback(type: i32, period: i32): i32 {
  if (period <= 1) return 0;
  if (type == 3) return 2 * (period - 1);
  if (type == 4) return 3 * (period - 1);
  if (type == 6) return period;
  if (type == 7) return 32;
  if (type == 8) return 6 * (period - 1);
  return period - 1;
}

/** TA_MA(period, type) of x[start..n), emitted from max(start + lookback, emitFrom). */
export function maPass(x: usize, out: usize, start: i32, n: i32, type: i32, period: i32, emitFrom: i32, mode: i32): void {
  if (period <= 1) {
    for (let i = max(start, emitFrom); i < n; i++) emit(out, i, ld(x, i), mode);
    return;
  }
  if (type == 0) smaPass(x, out, start, n, period, emitFrom, mode);
  else if (type == 1) chainPass(x, out, start, n, period, 1, false, 0, emitFrom, mode);
  else if (type == 2) wmaPass(x, out, start, n, period, emitFrom, mode);
  else if (type == 3) chainPass(x, out, start, n, period, 2, false, 0, emitFrom, mode);
  else if (type == 4) chainPass(x, out, start, n, period, 3, false, 0, emitFrom, mode);
  else if (type == 5) trimaPass(x, out, start, n, period, emitFrom, mode);
  else if (type == 6) kamaPass(x, out, start, n, period, emitFrom, mode);
  else if (type == 7) mamaPass(x, out, start, n, emitFrom, mode);
  else chainPass(x, out, start, n, period, 6, true, 0.7, emitFrom, mode);
}

// MA type 7: TA-Lib's MAMA with fastLimit 0.5, slowLimit 0.05 (the period ignored). Every MA_STORE
// caller has emitFrom <= start + 32 (nothing before MAMA's first value is needed) and fills its own
// lookback region with NaN afterwards.
export function mamaPass(x: usize, out: usize, start: i32, n: i32, emitFrom: i32, mode: i32): void {
  if (mode == MA_STORE) {
    if (start < n) mamaInto(x + (<usize>start << 3), out + (<usize>start << 3), n - start, 0.5, 0.05);
    return;
  }
  // MA_DIFF / MA_PERCENT only come from APO and PPO, whose two MAs are then the same MAMA (the
  // period ignored, both from bar 0): fast - slow is 0, as TA-Lib computes it.
  for (let i = max(start + 32, emitFrom); i < n; i++) emit(out, i, ld(out, i), mode);
}

function smaPass(x: usize, out: usize, start: i32, n: i32, p: i32, emitFrom: i32, mode: i32): void {
  const first = start + p - 1;
  if (first >= n) return;
  const pf = <f64>p;
  let total: f64 = 0;
  for (let i = start; i < first; i++) total += ld(x, i);
  for (let i = first; i < n; i++) {
    total += ld(x, i);
    const v = total;
    total -= ld(x, i - p + 1);
    if (i >= emitFrom) emit(out, i, v / pf, mode);
  }
}

/** DEMA (2 stages), TEMA (3), EMA (1), T3 (6, T3's step and output) with TA-Lib's seeding. */
function chainPass(x: usize, out: usize, start: i32, n: i32, p: i32, stages: i32, t3: bool, vFactor: f64, emitFrom: i32, mode: i32): void {
  const k: f64 = t3 ? 2.0 / (<f64>p + 1.0) : emaK(p);
  const omk = 1.0 - k;
  const pf = <f64>p;
  const temp = vFactor * vFactor;
  const c1 = -(temp * vFactor);
  const c2 = 3.0 * (temp - c1);
  const c3 = -6.0 * temp - 3.0 * (vFactor - c1);
  const c4 = 1.0 + 3.0 * vFactor - c1 + 3.0 * temp;
  let e1: f64 = 0, e2: f64 = 0, e3: f64 = 0, e4: f64 = 0, e5: f64 = 0, e6: f64 = 0;
  for (let i = start; i < n; i++) {
    const t = i - start;
    let v = ld(x, i);
    // Stage j takes its u-th input at t = j * (p - 1) + u; it sums the first p, then steps.
    let u = t;
    if (u < p) { e1 += v; if (u < p - 1) continue; e1 /= pf; } else e1 = t3 ? k * v + omk * e1 : (v - e1) * k + e1;
    if (stages > 1) {
      u -= p - 1;
      if (u < p) { e2 += e1; if (u < p - 1) continue; e2 /= pf; } else e2 = t3 ? k * e1 + omk * e2 : (e1 - e2) * k + e2;
    }
    if (stages > 2) {
      u -= p - 1;
      if (u < p) { e3 += e2; if (u < p - 1) continue; e3 /= pf; } else e3 = t3 ? k * e2 + omk * e3 : (e2 - e3) * k + e3;
    }
    if (stages > 3) {
      u -= p - 1;
      if (u < p) { e4 += e3; if (u < p - 1) continue; e4 /= pf; } else e4 = k * e3 + omk * e4;
      u -= p - 1;
      if (u < p) { e5 += e4; if (u < p - 1) continue; e5 /= pf; } else e5 = k * e4 + omk * e5;
      u -= p - 1;
      if (u < p) { e6 += e5; if (u < p - 1) continue; e6 /= pf; } else e6 = k * e5 + omk * e6;
    }
    if (i < emitFrom) continue;
    if (stages == 1) v = e1;
    else if (stages == 2) v = 2.0 * e1 - e2;
    else if (stages == 3) v = e3 + (3.0 * e1 - 3.0 * e2);
    else v = c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3;
    emit(out, i, v, mode);
  }
}

function wmaPass(x: usize, out: usize, start: i32, n: i32, p: i32, emitFrom: i32, mode: i32): void {
  const first = start + p - 1;
  if (first >= n) return;
  const pf = <f64>p;
  const divider = <f64>p * <f64>(p + 1) * 0.5;
  let sub: f64 = 0, sum: f64 = 0, trailing: f64 = 0;
  for (let j = 1; j < p; j++) {
    const v = ld(x, start + j - 1);
    sub += v;
    sum += v * <f64>j;
  }
  for (let i = first; i < n; i++) {
    const v = ld(x, i);
    sub += v;
    sub -= trailing;
    sum += v * pf;
    trailing = ld(x, i - p + 1);
    if (i >= emitFrom) emit(out, i, sum / divider, mode);
    sum -= sub;
  }
}

function trimaPass(x: usize, out: usize, start: i32, n: i32, p: i32, emitFrom: i32, mode: i32): void {
  const first = start + p - 1;
  if (first >= n) return;
  const half = p >> 1;
  const odd = (p & 1) == 1;
  const factor = 1.0 / (odd ? <f64>((half + 1) * (half + 1)) : <f64>(half * (half + 1)));
  const middle = start + (odd ? half : half - 1);
  let numerator: f64 = 0, sub: f64 = 0, add: f64 = 0;
  for (let i = middle; i >= start; i--) {
    sub += ld(x, i);
    numerator += sub;
  }
  for (let i = middle + 1; i <= first; i++) {
    add += ld(x, i);
    numerator += add;
  }
  if (first >= emitFrom) emit(out, first, numerator * factor, mode);
  for (let i = first + 1; i < n; i++) {
    const trailing = ld(x, i - p);
    const mid = ld(x, i - half);
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
    const v = ld(x, i);
    add += v;
    numerator += v;
    if (i >= emitFrom) emit(out, i, numerator * factor, mode);
  }
}

const KAMA_CONST_MAX: f64 = 2.0 / (30.0 + 1.0);
const KAMA_CONST_DIFF: f64 = 2.0 / (2.0 + 1.0) - KAMA_CONST_MAX;

// @ts-ignore: decorator
@inline function kamaSmoothing(periodRoc: f64, sumRoc: f64): f64 {
  let r: f64 = sumRoc <= periodRoc || (sumRoc > -TA_EPSILON && sumRoc < TA_EPSILON) ? 1.0 : Math.abs(periodRoc / sumRoc);
  r = r * KAMA_CONST_DIFF + KAMA_CONST_MAX;
  return r * r;
}

function kamaPass(x: usize, out: usize, start: i32, n: i32, p: i32, emitFrom: i32, mode: i32): void {
  const first = start + p;
  if (first >= n) return;
  let sum: f64 = 0;
  for (let i = start; i < first; i++) sum += Math.abs(ld(x, i) - ld(x, i + 1));
  let prev = ld(x, first - 1);
  let v = ld(x, first);
  prev = (v - prev) * kamaSmoothing(v - ld(x, start), sum) + prev;
  if (first >= emitFrom) emit(out, first, prev, mode);
  for (let i = first + 1; i < n; i++) {
    v = ld(x, i);
    const trailing = ld(x, i - p);
    sum -= Math.abs(ld(x, i - p - 1) - trailing);
    sum += Math.abs(v - ld(x, i - 1));
    prev = (v - prev) * kamaSmoothing(v - trailing, sum) + prev;
    if (i >= emitFrom) emit(out, i, prev, mode);
  }
}

/** TA-Lib T3 with its own volume factor (MA type 8 uses 0.7), stored from bar 6 * (period - 1). */
export function t3Pass(x: usize, out: usize, n: i32, period: i32, vFactor: f64): void {
  chainPass(x, out, 0, n, period, 6, true, vFactor, 0, MA_STORE);
}
