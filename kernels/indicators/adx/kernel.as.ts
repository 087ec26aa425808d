import { adxSeries } from '../../assembly/lib/directional';

/** ADX: the DX pass and the ADX average of assembly/lib/directional.ts; bit-exact. */
export function adx(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): void {
  adxSeries(high, low, close, out, n, period);
}
