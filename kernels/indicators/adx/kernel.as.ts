import { adxSeries } from '../../assembly/lib/adx';

/** ADX: one pass of assembly/lib/adx.ts; bit-exact. */
export function adx(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): void {
  adxSeries(high, low, close, out, n, period);
}
