import { fillNaN, ld, st } from '../../assembly/lib/common';

/**
 * IMI: each window's sums formed afresh, oldest first, as TA-Lib does (O(period) per bar; running
 * sums would round differently). 100 * up / (up + down), NaN where both are 0.
 */
export function imi(open: usize, close: usize, out: usize, n: i32, period: i32): void {
  const lookback = period - 1;
  fillNaN(out, lookback, n);
  for (let t = lookback; t < n; t++) {
    let up: f64 = 0, down: f64 = 0;
    for (let i = t - lookback; i <= t; i++) {
      const c = ld(close, i), o = ld(open, i);
      if (c > o) up += c - o;
      else down += o - c;
    }
    st(out, t, 100.0 * (up / (up + down)));
  }
}
