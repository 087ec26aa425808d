import { parabolicSeries } from '../../assembly/lib/parabolic';

/** Parabolic SAR: TA-Lib's parabolic loop with one acceleration for both sides, no offset, unsigned. */
export function sar(high: usize, low: usize, out: usize, n: i32, acceleration: f64, maximum: f64): void {
  parabolicSeries(high, low, out, n, 0, 0, acceleration, acceleration, maximum, acceleration, acceleration, maximum, false);
}
