import { adxSeries, adxSeriesChecked } from '../../assembly/lib/adx';

/** ADX: one pass of assembly/lib/adx.ts; bit-exact. */
export function adx(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): void {
  adxSeries(high, low, close, out, n, period);
}

/** adx checking its inputs on the way (see adxSeriesChecked): 1 when all are finite. */
export function adx_checked(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): i32 {
  return adxSeriesChecked(high, low, close, out, n, period);
}
