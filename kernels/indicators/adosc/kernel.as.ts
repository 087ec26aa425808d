import { at, emaK, fillNaN, ld, pairPrefix, st } from '../../assembly/lib/common';
import { allFinite } from '../../assembly/lib/validate';
import { moneyFlowVolume1, moneyFlowVolume2 } from '../../assembly/lib/flow';

/**
 * ADOSC: the AD line two bars at a time (SIMD money flow volumes, pair sums), then the two EMAs step
 * bar by bar with TA-Lib's operations. Their chains are independent, so they overlap.
 */
export function adosc(high: usize, low: usize, close: usize, volume: usize, out: usize, n: i32, fastPeriod: i32, slowPeriod: i32): void {
  adoscRun(high, low, close, volume, out, n, fastPeriod, slowPeriod, false);
}

/**
 * adosc that also checks every input value on the way (beside the EMA chains) instead of a pass
 * before: 1 when all are finite, else 0 (the outputs are then unspecified).
 */
export function adosc_checked(high: usize, low: usize, close: usize, volume: usize, out: usize, n: i32, fastPeriod: i32, slowPeriod: i32): i32 {
  return adoscRun(high, low, close, volume, out, n, fastPeriod, slowPeriod, true);
}

/** 0 when bar i's four values are finite, NaN otherwise. */
// @ts-ignore: decorator
@inline function finiteTerm(high: usize, low: usize, close: usize, volume: usize, i: i32): f64 {
  const h = ld(high, i), l = ld(low, i), c = ld(close, i), v = ld(volume, i);
  return h - h + (l - l) + (c - c) + (v - v);
}

// @ts-ignore: decorator
@inline function adoscRun(high: usize, low: usize, close: usize, volume: usize, out: usize, n: i32, fastPeriod: i32, slowPeriod: i32, checked: bool): i32 {
  const lookback = max(fastPeriod, slowPeriod) - 1;
  fillNaN(out, lookback, n);
  if (n <= lookback) return checked ? <i32>(allFinite(high, n) && allFinite(low, n) && allFinite(close, n) && allFinite(volume, n)) : 1;
  // x - x is 0 for a finite x and NaN otherwise.
  let check: f64 = checked ? finiteTerm(high, low, close, volume, 0) : 0;
  let checks = f64x2.splat(0);
  const fk = emaK(fastPeriod), sk = emaK(slowPeriod);
  const fa = 1.0 - fk, sa = 1.0 - sk;
  let ad = moneyFlowVolume1(high, low, close, volume, 0);
  let fast = ad, slow = ad;
  let i = 1;
  for (; i + 1 < n; i += 2) {
    if (checked) {
      const h = v128.load(at(high, i)), l = v128.load(at(low, i)), c = v128.load(at(close, i)), v = v128.load(at(volume, i));
      checks = f64x2.add(checks, f64x2.add(f64x2.add(f64x2.sub(h, h), f64x2.sub(l, l)), f64x2.add(f64x2.sub(c, c), f64x2.sub(v, v))));
    }
    const pair = f64x2.add(pairPrefix(moneyFlowVolume2(high, low, close, volume, i)), f64x2.splat(ad));
    const ad0 = f64x2.extract_lane(pair, 0);
    ad = f64x2.extract_lane(pair, 1);
    fast = fk * ad0 + fa * fast;
    slow = sk * ad0 + sa * slow;
    if (i >= lookback) st(out, i, fast - slow);
    fast = fk * ad + fa * fast;
    slow = sk * ad + sa * slow;
    if (i + 1 >= lookback) st(out, i + 1, fast - slow);
  }
  for (; i < n; i++) {
    if (checked) check += finiteTerm(high, low, close, volume, i);
    ad += moneyFlowVolume1(high, low, close, volume, i);
    fast = fk * ad + fa * fast;
    slow = sk * ad + sa * slow;
    if (i >= lookback) st(out, i, fast - slow);
  }
  return <i32>(check + f64x2.extract_lane(checks, 0) + f64x2.extract_lane(checks, 1) == 0);
}
