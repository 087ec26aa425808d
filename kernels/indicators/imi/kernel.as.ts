import { at, fillNaN, ld, st } from '../../assembly/lib/common';

/**
 * IMI: each window's sums formed afresh, oldest first, as TA-Lib does (running sums would round
 * differently), two windows per pass in the lanes (windows t and t + 1 read d[i] and d[i + 1], one
 * load). Branch-free: up += pmax(d, 0) and down += pmax(-d, 0) add TA-Lib's terms or a zero that
 * leaves the sum unchanged (d = close - open; open - close is its exact negation).
 */
export function imi(open: usize, close: usize, out: usize, n: i32, period: i32): void {
  const lookback = period - 1;
  fillNaN(out, lookback, n);
  const zero = f64x2.splat(0);
  const hundred = f64x2.splat(100.0);
  let t = lookback;
  for (; t + 1 < n; t += 2) {
    let up = zero, down = zero;
    for (let i = t - lookback; i <= t; i++) {
      const d = f64x2.sub(v128.load(at(close, i)), v128.load(at(open, i)));
      up = f64x2.add(up, f64x2.pmax(d, zero));
      down = f64x2.add(down, f64x2.pmax(f64x2.neg(d), zero));
    }
    v128.store(at(out, t), f64x2.mul(hundred, f64x2.div(up, f64x2.add(up, down))));
  }
  for (; t < n; t++) {
    let up: f64 = 0, down: f64 = 0;
    for (let i = t - lookback; i <= t; i++) {
      const c = ld(close, i), o = ld(open, i);
      if (c > o) up += c - o;
      else down += o - c;
    }
    st(out, t, 100.0 * (up / (up + down)));
  }
}
