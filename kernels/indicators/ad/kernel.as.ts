import { at, broadcastHigh, ld, pairPrefix, st } from '../../assembly/lib/common';

/** CLV * volume of bars i and i + 1; 0 where high - low is not positive (TA-Lib's zero-range guard). */
// @ts-ignore: decorator
@inline export function moneyFlowVolume2(high: usize, low: usize, close: usize, volume: usize, i: i32): v128 {
  const h = v128.load(at(high, i)), l = v128.load(at(low, i)), c = v128.load(at(close, i));
  const range = f64x2.sub(h, l);
  const clv = f64x2.div(f64x2.sub(f64x2.sub(c, l), f64x2.sub(h, c)), range);
  return v128.and(f64x2.gt(range, f64x2.splat(0)), f64x2.mul(clv, v128.load(at(volume, i))));
}

// @ts-ignore: decorator
@inline export function moneyFlowVolume1(high: usize, low: usize, close: usize, volume: usize, i: i32): f64 {
  const h = ld(high, i), l = ld(low, i), c = ld(close, i);
  const range = h - l;
  return range > 0 ? (((c - l) - (h - c)) / range) * ld(volume, i) : 0;
}

/** AD: money flow volumes two bars at a time, prefix-summed, the total advancing four bars per add. */
export function ad(high: usize, low: usize, close: usize, volume: usize, out: usize, n: i32): void {
  let total: f64 = 0;
  let i = 0;
  let s = f64x2.splat(0);
  for (; i + 3 < n; i += 4) {
    const d01 = pairPrefix(moneyFlowVolume2(high, low, close, volume, i));
    const d23 = f64x2.add(pairPrefix(moneyFlowVolume2(high, low, close, volume, i + 2)), broadcastHigh(d01));
    const s23 = f64x2.add(s, d23);
    v128.store(at(out, i), f64x2.add(s, d01));
    v128.store(at(out, i + 2), s23);
    s = broadcastHigh(s23);
  }
  total = f64x2.extract_lane(s, 0);
  for (; i < n; i++) {
    total += moneyFlowVolume1(high, low, close, volume, i);
    st(out, i, total);
  }
}
