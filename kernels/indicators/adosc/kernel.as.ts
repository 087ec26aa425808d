import { at, emaK, fillNaN, pairPrefix, st } from '../../assembly/lib/common';
import { moneyFlowVolume1, moneyFlowVolume2 } from '../../assembly/lib/flow';

/**
 * ADOSC: the AD line two bars at a time (SIMD money flow volumes, pair sums), then the two EMAs step
 * bar by bar with TA-Lib's operations. Their chains are independent, so they overlap.
 */
export function adosc(high: usize, low: usize, close: usize, volume: usize, out: usize, n: i32, fastPeriod: i32, slowPeriod: i32): void {
  const lookback = max(fastPeriod, slowPeriod) - 1;
  fillNaN(out, lookback, n);
  if (n <= lookback) return;
  const fk = emaK(fastPeriod), sk = emaK(slowPeriod);
  const fa = 1.0 - fk, sa = 1.0 - sk;
  let ad = moneyFlowVolume1(high, low, close, volume, 0);
  let fast = ad, slow = ad;
  let i = 1;
  for (; i + 1 < n; i += 2) {
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
    ad += moneyFlowVolume1(high, low, close, volume, i);
    fast = fk * ad + fa * fast;
    slow = sk * ad + sa * slow;
    if (i >= lookback) st(out, i, fast - slow);
  }
}
