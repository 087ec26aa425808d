import { at, fillNaN, ld, st } from '../../assembly/lib/common';

/**
 * AVGDEV: TA-Lib sums every window afresh, newest value first (O(period) per bar); two bars at a time
 * in the two lanes, each lane doing exactly the scalar operations, so the results are TA-Lib's.
 */
export function avgdev(x: usize, out: usize, n: i32, period: i32): void {
  const lookback = period - 1;
  fillNaN(out, lookback, n);
  const p = <f64>period;
  const pv = f64x2.splat(p);
  let t = lookback;
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
