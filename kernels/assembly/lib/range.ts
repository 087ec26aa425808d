// Helpers for indicators over high/low/close bars: the true range, and TA-Lib's rolling extremes.
import { at, ld, st } from './common';

/** True range of bars i and i + 1 (previous closes at i - 1 and i), two lanes at once. */
// @ts-ignore: decorator
@inline export function trueRange2(high: usize, low: usize, close: usize, i: i32): v128 {
  const h = v128.load(at(high, i));
  const l = v128.load(at(low, i));
  const c = v128.load(at(close, i - 1));
  return f64x2.max(f64x2.sub(h, l), f64x2.max(f64x2.abs(f64x2.sub(c, h)), f64x2.abs(f64x2.sub(c, l))));
}

// @ts-ignore: decorator
@inline export function trueRange1(high: usize, low: usize, close: usize, i: i32): f64 {
  const h = ld(high, i), l = ld(low, i), c = ld(close, i - 1);
  return max(h - l, max(abs(c - h), abs(c - l)));
}

/** out[from..n) = true range (from >= 1); four bars per step. */
export function trueRangeRun(high: usize, low: usize, close: usize, out: usize, from: i32, n: i32): void {
  let i = from;
  for (; i + 3 < n; i += 4) {
    v128.store(at(out, i), trueRange2(high, low, close, i));
    v128.store(at(out, i + 2), trueRange2(high, low, close, i + 2));
  }
  for (; i < n; i++) st(out, i, trueRange1(high, low, close, i));
}
