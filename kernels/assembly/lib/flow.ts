// Money flow volume (CLV * volume) shared by the AD and ADOSC kernels; not exported from the module.
import { at, ld } from './common';

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
