import { at, fillNaN, ld, st } from '../../assembly/lib/common';

/**
 * IMI: each window's sums formed afresh, oldest first, as TA-Lib does (running sums would round
 * differently), two windows per vector (windows t and t + 1 read d[i] and d[i + 1], one
 * load). Branch-free: up += pmax(d, 0) and down += pmax(-d, 0) add TA-Lib's terms or a zero that
 * leaves the sum unchanged (d = close - open; open - close is its exact negation).
 */
export function imi(open: usize, close: usize, out: usize, n: i32, period: i32): void {
  const lookback = period - 1;
  fillNaN(out, lookback, n);
  const zero = f64x2.splat(0);
  const hundred = f64x2.splat(100.0);
  let t = lookback;
  // Eight windows (four vectors) side by side, so their serial sums overlap.
  for (; t + 7 < n; t += 8) {
    let u0 = zero, u1 = zero, u2 = zero, u3 = zero;
    let w0 = zero, w1 = zero, w2 = zero, w3 = zero;
    for (let i = t - lookback; i <= t; i++) {
      const c = at(close, i), o = at(open, i);
      const d0 = f64x2.sub(v128.load(c), v128.load(o));
      const d1 = f64x2.sub(v128.load(c, 16), v128.load(o, 16));
      const d2 = f64x2.sub(v128.load(c, 32), v128.load(o, 32));
      const d3 = f64x2.sub(v128.load(c, 48), v128.load(o, 48));
      u0 = f64x2.add(u0, f64x2.pmax(d0, zero));
      u1 = f64x2.add(u1, f64x2.pmax(d1, zero));
      u2 = f64x2.add(u2, f64x2.pmax(d2, zero));
      u3 = f64x2.add(u3, f64x2.pmax(d3, zero));
      w0 = f64x2.add(w0, f64x2.pmax(f64x2.neg(d0), zero));
      w1 = f64x2.add(w1, f64x2.pmax(f64x2.neg(d1), zero));
      w2 = f64x2.add(w2, f64x2.pmax(f64x2.neg(d2), zero));
      w3 = f64x2.add(w3, f64x2.pmax(f64x2.neg(d3), zero));
    }
    v128.store(at(out, t), f64x2.mul(hundred, f64x2.div(u0, f64x2.add(u0, w0))));
    v128.store(at(out, t + 2), f64x2.mul(hundred, f64x2.div(u1, f64x2.add(u1, w1))));
    v128.store(at(out, t + 4), f64x2.mul(hundred, f64x2.div(u2, f64x2.add(u2, w2))));
    v128.store(at(out, t + 6), f64x2.mul(hundred, f64x2.div(u3, f64x2.add(u3, w3))));
  }
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
