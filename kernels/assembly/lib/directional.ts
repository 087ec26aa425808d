// Directional movement as TA-Lib computes it (per bar, two bars at a time or one) and the kernel
// bodies of PLUS_DM, MINUS_DM, PLUS_DI, MINUS_DI and DX (ADX and ADXR: adx.ts).
import { at, fillNaN, ld, st, TA_EPSILON } from './common';
import { trueRange1, trueRange2 } from './truerange';

/** Up moves high[i] - high[i-1] of bars i and i + 1. */
// @ts-ignore: decorator
@inline export function upMove2(high: usize, i: i32): v128 {
  return f64x2.sub(v128.load(at(high, i)), v128.load(at(high, i - 1)));
}

/** Down moves low[i-1] - low[i] of bars i and i + 1. */
// @ts-ignore: decorator
@inline export function downMove2(low: usize, i: i32): v128 {
  return f64x2.sub(v128.load(at(low, i - 1)), v128.load(at(low, i)));
}

/** +DM1: the up move where it is positive and strictly larger than the down move, else 0. */
// @ts-ignore: decorator
@inline export function plusDm2(up: v128, down: v128): v128 {
  return v128.and(v128.and(f64x2.gt(up, f64x2.splat(0)), f64x2.gt(up, down)), up);
}

/** -DM1: the down move where it is positive and strictly larger than the up move, else 0. */
// @ts-ignore: decorator
@inline export function minusDm2(up: v128, down: v128): v128 {
  return v128.and(v128.and(f64x2.gt(down, f64x2.splat(0)), f64x2.lt(up, down)), down);
}

// @ts-ignore: decorator
@inline export function plusDm1(high: usize, low: usize, i: i32): f64 {
  const up = ld(high, i) - ld(high, i - 1), down = ld(low, i - 1) - ld(low, i);
  return up > 0 && up > down ? up : 0;
}

// @ts-ignore: decorator
@inline export function minusDm1(high: usize, low: usize, i: i32): f64 {
  const up = ld(high, i) - ld(high, i - 1), down = ld(low, i - 1) - ld(low, i);
  return down > 0 && up < down ? down : 0;
}

// @ts-ignore: decorator
@inline export function isZero(v: f64): bool {
  return -TA_EPSILON < v && v < TA_EPSILON;
}

// @ts-ignore: decorator
@inline function diOf(s: v128): f64 {
  const tr = f64x2.extract_lane(s, 1);
  return isZero(tr) ? 0 : 100.0 * (f64x2.extract_lane(s, 0) / tr);
}

/**
 * +DI (plus) or -DI: DM and TR two bars at a time in SIMD, their Wilder sums side by side in the lanes
 * [dm, tr] with TA-Lib's operations (s - s/period + x): bit-exact. Period 1 is TA-Lib's unsmoothed ratio.
 */
export function diKernel(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32, plus: bool): void {
  fillNaN(out, period, n);
  if (n <= period) return;
  if (period == 1) {
    for (let i = 1; i < n; i++) {
      const move = plus ? plusDm1(high, low, i) : minusDm1(high, low, i);
      let v: f64 = 0;
      if (move > 0) {
        const tr = trueRange1(high, low, close, i);
        v = isZero(tr) ? 0 : move / tr;
      }
      st(out, i, v);
    }
    return;
  }
  let dm: f64 = 0, tr: f64 = 0;
  // Two bars at a time (SIMD masks, f64x2.pmax: V8 compiles the scalar selects to branches, which
  // mispredict on price data); a move that does not count adds +0, as TA-Lib's skipped addition.
  let j = 1;
  for (; j + 1 < period; j += 2) {
    const up = upMove2(high, j), down = downMove2(low, j);
    const m2 = plus ? plusDm2(up, down) : minusDm2(up, down);
    const tr2 = trueRange2(high, low, close, j);
    dm += f64x2.extract_lane(m2, 0);
    dm += f64x2.extract_lane(m2, 1);
    tr += f64x2.extract_lane(tr2, 0);
    tr += f64x2.extract_lane(tr2, 1);
  }
  if (j < period) {
    dm += plus ? plusDm1(high, low, j) : minusDm1(high, low, j);
    tr += trueRange1(high, low, close, j);
  }
  const pv = f64x2.splat(<f64>period);
  let s = f64x2.replace_lane(f64x2.splat(dm), 1, tr);
  let i = period;
  for (; i + 1 < n; i += 2) {
    const up = upMove2(high, i), down = downMove2(low, i);
    const dm2 = plus ? plusDm2(up, down) : minusDm2(up, down);
    const tr2 = trueRange2(high, low, close, i);
    s = f64x2.add(f64x2.sub(s, f64x2.div(s, pv)), v128.shuffle<f64>(dm2, tr2, 0, 2));
    st(out, i, diOf(s));
    s = f64x2.add(f64x2.sub(s, f64x2.div(s, pv)), v128.shuffle<f64>(dm2, tr2, 1, 3));
    st(out, i + 1, diOf(s));
  }
  for (; i < n; i++) {
    const x = f64x2.replace_lane(f64x2.splat(plus ? plusDm1(high, low, i) : minusDm1(high, low, i)), 1, trueRange1(high, low, close, i));
    s = f64x2.add(f64x2.sub(s, f64x2.div(s, pv)), x);
    st(out, i, diOf(s));
  }
}

/**
 * +DM (plus) or -DM: period >= 2, the plain sum of the first period - 1 moves at bar period - 1, then
 * Wilder sums (s - s/period + x, adding the +0 of a move that does not count leaves s as TA-Lib's
 * skipped addition does); period 1, each bar's own movement from bar 1. Bit-exact.
 */
export function dmKernel(high: usize, low: usize, out: usize, n: i32, period: i32, plus: bool): void {
  const lookback = period > 1 ? period - 1 : 1;
  fillNaN(out, lookback, n);
  if (n <= lookback) return;
  if (period == 1) {
    for (let i = 1; i < n; i++) st(out, i, plus ? plusDm1(high, low, i) : minusDm1(high, low, i));
    return;
  }
  let dm: f64 = 0;
  for (let i = 1; i < period; i++) {
    const m = plus ? plusDm1(high, low, i) : minusDm1(high, low, i);
    if (m > 0) dm += m;
  }
  st(out, period - 1, dm);
  const p = <f64>period;
  let i = period;
  for (; i + 1 < n; i += 2) {
    const up = upMove2(high, i), down = downMove2(low, i);
    const m2 = plus ? plusDm2(up, down) : minusDm2(up, down);
    dm = dm - dm / p + f64x2.extract_lane(m2, 0);
    st(out, i, dm);
    dm = dm - dm / p + f64x2.extract_lane(m2, 1);
    st(out, i + 1, dm);
  }
  for (; i < n; i++) {
    dm = dm - dm / p + (plus ? plusDm1(high, low, i) : minusDm1(high, low, i));
    st(out, i, dm);
  }
}

/**
 * DX of bars period .. n - 1 into out (NaN where TA-Lib has none: TR or the DI sum near zero); out
 * before `period` is left as it was. +DM, -DM and TR two bars at a time in SIMD; the Wilder sums of
 * [+DM, -DM] advance side by side in the lanes. Same operations as TA-Lib: bit-exact. n > period.
 */
export function dxRun(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): void {
  let plus: f64 = 0, minus: f64 = 0, tr: f64 = 0;
  // Two bars at a time, as diKernel's seeding.
  let j = 1;
  for (; j + 1 < period; j += 2) {
    const up = upMove2(high, j), down = downMove2(low, j);
    const p2 = plusDm2(up, down), m2 = minusDm2(up, down);
    const tr2 = trueRange2(high, low, close, j);
    plus += f64x2.extract_lane(p2, 0);
    plus += f64x2.extract_lane(p2, 1);
    minus += f64x2.extract_lane(m2, 0);
    minus += f64x2.extract_lane(m2, 1);
    tr += f64x2.extract_lane(tr2, 0);
    tr += f64x2.extract_lane(tr2, 1);
  }
  if (j < period) {
    const m = minusDm1(high, low, j);
    if (m > 0) minus += m;
    else plus += plusDm1(high, low, j);
    tr += trueRange1(high, low, close, j);
  }
  const p = <f64>period;
  const pv = f64x2.splat(p);
  const hundred = f64x2.splat(100.0);
  let dm = f64x2.replace_lane(f64x2.splat(plus), 1, minus);
  let i = period;
  for (; i + 1 < n; i += 2) {
    const up = upMove2(high, i), down = downMove2(low, i);
    const p2 = plusDm2(up, down), m2 = minusDm2(up, down);
    const tr2 = trueRange2(high, low, close, i);
    // Adding the +0 of the move that does not count leaves that sum as TA-Lib's skipped addition does.
    const dmA = f64x2.add(f64x2.sub(dm, f64x2.div(dm, pv)), v128.shuffle<f64>(p2, m2, 0, 2));
    const trA = tr - tr / p + f64x2.extract_lane(tr2, 0);
    dm = f64x2.add(f64x2.sub(dmA, f64x2.div(dmA, pv)), v128.shuffle<f64>(p2, m2, 1, 3));
    tr = trA - trA / p + f64x2.extract_lane(tr2, 1);
    // The two bars' DI and DX divisions side by side, without branches.
    v128.store(at(out, i), dxPair(dmA, trA, dm, tr, hundred));
  }
  for (; i < n; i++) {
    const x = f64x2.replace_lane(f64x2.splat(plusDm1(high, low, i)), 1, minusDm1(high, low, i));
    dm = f64x2.add(f64x2.sub(dm, f64x2.div(dm, pv)), x);
    tr = tr - tr / p + trueRange1(high, low, close, i);
    st(out, i, dxOf(dm, tr, hundred));
  }
}

/** DX from [+DM, -DM] and TR, or NaN where TA-Lib computes none (TR or the DI sum near zero). */
// @ts-ignore: decorator
@inline export function dxOf(dm: v128, tr: f64, hundred: v128): f64 {
  if (isZero(tr)) return NaN;
  const di = f64x2.mul(hundred, f64x2.div(dm, f64x2.splat(tr)));
  const plusDi = f64x2.extract_lane(di, 0), minusDi = f64x2.extract_lane(di, 1);
  const sum = minusDi + plusDi;
  return isZero(sum) ? NaN : 100.0 * (Math.abs(minusDi - plusDi) / sum);
}

/**
 * DX of two bars, one per lane, from each bar's [+DM, -DM] sums and TR sum: the DI divisions of a bar
 * share a vector, and the two bars' final divisions share one. NaN in a lane where TA-Lib computes
 * no DX (TR or the DI sum near zero). Per lane the operations of dxOf.
 */
// @ts-ignore: decorator
@inline export function dxPair(dmA: v128, trA: f64, dmB: v128, trB: f64, hundred: v128): v128 {
  const diA = f64x2.mul(hundred, f64x2.div(dmA, f64x2.splat(trA)));
  const diB = f64x2.mul(hundred, f64x2.div(dmB, f64x2.splat(trB)));
  const plusDi = v128.shuffle<f64>(diA, diB, 0, 2);
  const minusDi = v128.shuffle<f64>(diA, diB, 1, 3);
  const sum = f64x2.add(minusDi, plusDi);
  const dx = f64x2.mul(hundred, f64x2.div(f64x2.abs(f64x2.sub(minusDi, plusDi)), sum));
  const eps = f64x2.splat(TA_EPSILON);
  const negEps = f64x2.splat(-TA_EPSILON);
  const tr = f64x2.replace_lane(f64x2.splat(trA), 1, trB);
  const none = v128.or(v128.and(f64x2.gt(tr, negEps), f64x2.lt(tr, eps)), v128.and(f64x2.gt(sum, negEps), f64x2.lt(sum, eps)));
  return v128.bitselect(f64x2.splat(NaN), dx, none);
}
