// TA-Lib's rolling highest high / lowest low and the range position built on them (WILLR, STOCH,
// STOCHF, STOCHRSI).
import { at, ld, st } from './common';

/**
 * dst[t] = max(x[t-p+1..t]) for t in [p-1, n), as TA-Lib tracks it: keep the extreme's index, take a
 * tying or larger new value, rescan the window only when the extreme leaves it (amortised O(1) per
 * bar on price data; O(p) per bar on a series falling monotonically, as in TA-Lib).
 */
export function rollingMax(x: usize, dst: usize, n: i32, p: i32): void {
  let idx = -1;
  let hi: f64 = 0;
  for (let today = p - 1; today < n; today++) {
    const trailing = today - p + 1;
    const v = ld(x, today);
    if (idx < trailing) {
      idx = trailing;
      hi = ld(x, trailing);
      for (let i = trailing + 1; i <= today; i++) {
        const w = ld(x, i);
        if (w > hi) {
          idx = i;
          hi = w;
        }
      }
    } else if (v >= hi) {
      idx = today;
      hi = v;
    }
    st(dst, today, hi);
  }
}

/** dst[t] = min(x[t-p+1..t]) for t in [p-1, n), TA-Lib's way (see rollingMax). */
export function rollingMin(x: usize, dst: usize, n: i32, p: i32): void {
  let idx = -1;
  let lo: f64 = 0;
  for (let today = p - 1; today < n; today++) {
    const trailing = today - p + 1;
    const v = ld(x, today);
    if (idx < trailing) {
      idx = trailing;
      lo = ld(x, trailing);
      for (let i = trailing + 1; i <= today; i++) {
        const w = ld(x, i);
        if (w < lo) {
          idx = i;
          lo = w;
        }
      }
    } else if (v <= lo) {
      idx = today;
      lo = v;
    }
    st(dst, today, lo);
  }
}

/**
 * With hh = rolling highs already in out[p-1..n), tracks the rolling low of `low` and writes
 * TA-Lib's fast %K (williams = false: (c - ll) / ((hh - ll) / 100)) or Williams' %R (williams = true:
 * (hh - c) / ((hh - ll) / -100)) into out, 0 where the divisor is 0. For callers with one spare buffer.
 */
export function rangePosition(low: usize, close: usize, out: usize, n: i32, p: i32, williams: bool): void {
  const scale: f64 = williams ? -100.0 : 100.0;
  let idx = -1;
  let lo: f64 = 0;
  for (let today = p - 1; today < n; today++) {
    const trailing = today - p + 1;
    const v = ld(low, today);
    if (idx < trailing) {
      idx = trailing;
      lo = ld(low, trailing);
      for (let i = trailing + 1; i <= today; i++) {
        const w = ld(low, i);
        if (w < lo) {
          idx = i;
          lo = w;
        }
      }
    } else if (v <= lo) {
      idx = today;
      lo = v;
    }
    const hi = ld(out, today);
    const diff = (hi - lo) / scale;
    const c = ld(close, today);
    st(out, today, diff != 0 ? (williams ? hi - c : c - lo) / diff : 0);
  }
}

/** kOut[t] = fast %K from hh[t], ll[t] and the close, two bars per vector (kOut may alias hh or ll). */
export function fastKRun(close: usize, hh: usize, ll: usize, kOut: usize, from: i32, n: i32): void {
  const hundred = f64x2.splat(100);
  const zero = f64x2.splat(0);
  let i = from;
  for (; i + 1 < n; i += 2) {
    const h = v128.load(at(hh, i)), l = v128.load(at(ll, i)), c = v128.load(at(close, i));
    const diff = f64x2.div(f64x2.sub(h, l), hundred);
    const k = f64x2.div(f64x2.sub(c, l), diff);
    v128.store(at(kOut, i), v128.bitselect(zero, k, f64x2.eq(diff, zero)));
  }
  for (; i < n; i++) {
    const h = ld(hh, i), l = ld(ll, i);
    const diff = (h - l) / 100;
    st(kOut, i, diff != 0 ? (ld(close, i) - l) / diff : 0);
  }
}
