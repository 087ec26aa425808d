// Directional movement as TA-Lib computes it (per bar, two bars at a time or one) and the PLUS_DI /
// MINUS_DI kernel body; shared by PLUS_DI, MINUS_DI and ADX.
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
  for (let i = 1; i < period; i++) {
    dm += plus ? plusDm1(high, low, i) : minusDm1(high, low, i);
    tr += trueRange1(high, low, close, i);
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
