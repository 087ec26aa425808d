import { at, fillNaN, ld, st } from '../../assembly/lib/common';

/**
 * AVGDEV: TA-Lib sums every window afresh, newest value first (O(period) per bar); two bars per
 * vector, each lane doing exactly the scalar operations, so the results are TA-Lib's. Each window's
 * sums are serial chains of `period` additions: eight bars (four vectors) are summed side by side so
 * the chains overlap instead of waiting on the adder's latency.
 */
export function avgdev(x: usize, out: usize, n: i32, period: i32): void {
  const lookback = period - 1;
  fillNaN(out, lookback, n);
  const p = <f64>period;
  const pv = f64x2.splat(p);
  let t = lookback;
  for (; t + 7 < n; t += 8) {
    let s0 = f64x2.splat(0), s1 = s0, s2 = s0, s3 = s0;
    for (let i = 0; i < period; i++) {
      const from = at(x, t - i);
      s0 = f64x2.add(s0, v128.load(from));
      s1 = f64x2.add(s1, v128.load(from, 16));
      s2 = f64x2.add(s2, v128.load(from, 32));
      s3 = f64x2.add(s3, v128.load(from, 48));
    }
    const m0 = f64x2.div(s0, pv), m1 = f64x2.div(s1, pv), m2 = f64x2.div(s2, pv), m3 = f64x2.div(s3, pv);
    let d0 = f64x2.splat(0), d1 = d0, d2 = d0, d3 = d0;
    for (let i = 0; i < period; i++) {
      const from = at(x, t - i);
      d0 = f64x2.add(d0, f64x2.abs(f64x2.sub(v128.load(from), m0)));
      d1 = f64x2.add(d1, f64x2.abs(f64x2.sub(v128.load(from, 16), m1)));
      d2 = f64x2.add(d2, f64x2.abs(f64x2.sub(v128.load(from, 32), m2)));
      d3 = f64x2.add(d3, f64x2.abs(f64x2.sub(v128.load(from, 48), m3)));
    }
    v128.store(at(out, t), f64x2.div(d0, pv));
    v128.store(at(out, t + 2), f64x2.div(d1, pv));
    v128.store(at(out, t + 4), f64x2.div(d2, pv));
    v128.store(at(out, t + 6), f64x2.div(d3, pv));
  }
  for (; t + 1 < n; t += 2) {
    let sum = f64x2.splat(0);
    for (let i = 0; i < period; i++) sum = f64x2.add(sum, v128.load(at(x, t - i)));
    const mean = f64x2.div(sum, pv);
    let dev = f64x2.splat(0);
    for (let i = 0; i < period; i++) dev = f64x2.add(dev, f64x2.abs(f64x2.sub(v128.load(at(x, t - i)), mean)));
    v128.store(at(out, t), f64x2.div(dev, pv));
  }
  for (; t < n; t++) {
    let sum: f64 = 0;
    for (let i = 0; i < period; i++) sum += ld(x, t - i);
    const mean = sum / p;
    let dev: f64 = 0;
    for (let i = 0; i < period; i++) dev += Math.abs(ld(x, t - i) - mean);
    st(out, t, dev / p);
  }
}
