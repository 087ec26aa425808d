import { at, fillNaN, ld, st } from '../../assembly/lib/common';

// @ts-ignore: decorator
@inline function cciOf(num: f64, dev: f64, p: f64): f64 {
  return num != 0 && dev != 0 ? num / (0.015 * (dev / p)) : 0;
}

/** CCI of bar t from the typical prices in tp, summed in TA-Lib's slot order. */
function cciAt(tp: usize, t: i32, period: i32): f64 {
  const r = t % period; // bar t is in slot r: slots 0..r hold bars t-r..t, slots r+1.. hold t-p+1..t-r-1
  let mean: f64 = 0;
  for (let i = t - r; i <= t; i++) mean += ld(tp, i);
  for (let i = t - period + 1; i < t - r; i++) mean += ld(tp, i);
  mean /= <f64>period;
  let dev: f64 = 0;
  for (let i = t - r; i <= t; i++) dev += abs(ld(tp, i) - mean);
  for (let i = t - period + 1; i < t - r; i++) dev += abs(ld(tp, i) - mean);
  return cciOf(ld(tp, t) - mean, dev, <f64>period);
}

/**
 * CCI. The typical prices go into `out` (two per vector), then bars are done backwards in pairs
 * (t - 1, t) so every value still needed is still there. The two windows hold the same values in the
 * same slots except slot t mod period (bar t - period for t - 1, bar t for t): one pass over the slots
 * sums both windows in TA-Lib's order, one in each lane.
 */
export function cci(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): void {
  const lookback = period - 1;
  if (n > lookback) {
    const three = f64x2.splat(3);
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const s = f64x2.add(f64x2.add(v128.load(at(high, i)), v128.load(at(low, i))), v128.load(at(close, i)));
      v128.store(at(out, i), f64x2.div(s, three));
    }
    for (; i < n; i++) st(out, i, (ld(high, i) + ld(low, i) + ld(close, i)) / 3);
    const p = <f64>period;
    const pv = f64x2.splat(p);
    const scale = f64x2.splat(0.015);
    const zero = f64x2.splat(0);
    let t = n - 1;
    for (; t - 1 >= lookback; t -= 2) {
      const r0 = (t - 1) % period;
      // Slot order for bar t - 1: [aFrom, t) then the differing slot then [bFrom, bTo).
      const wrap = r0 == period - 1;
      const aFrom = wrap ? t : t - 1 - r0;
      const bFrom = t - period + 1;
      const bTo = wrap ? t : t - 1 - r0;
      const special = v128.load64_lane(at(out, t), v128.load64_zero(at(out, t - period)), 1);
      let mean = zero;
      for (let j = aFrom; j < t; j++) mean = f64x2.add(mean, v128.load64_splat(at(out, j)));
      mean = f64x2.add(mean, special);
      for (let j = bFrom; j < bTo; j++) mean = f64x2.add(mean, v128.load64_splat(at(out, j)));
      mean = f64x2.div(mean, pv);
      let dev = zero;
      for (let j = aFrom; j < t; j++) dev = f64x2.add(dev, f64x2.abs(f64x2.sub(v128.load64_splat(at(out, j)), mean)));
      dev = f64x2.add(dev, f64x2.abs(f64x2.sub(special, mean)));
      for (let j = bFrom; j < bTo; j++) dev = f64x2.add(dev, f64x2.abs(f64x2.sub(v128.load64_splat(at(out, j)), mean)));
      const num = f64x2.sub(v128.load(at(out, t - 1)), mean);
      const c = f64x2.div(num, f64x2.mul(scale, f64x2.div(dev, pv)));
      const isZero = v128.or(f64x2.eq(num, zero), f64x2.eq(dev, zero));
      v128.store(at(out, t - 1), v128.bitselect(zero, c, isZero));
    }
    if (t == lookback) st(out, t, cciAt(out, t, period));
  }
  fillNaN(out, lookback, n);
}
