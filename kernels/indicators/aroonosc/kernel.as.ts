import { aroonSeries } from '../../assembly/lib/aroon';

/** AROONOSC: AROON's pass, writing (100 / period) * (bar of the highest high - bar of the lowest low). */
export function aroonosc(high: usize, low: usize, out: usize, n: i32, period: i32): void {
  aroonSeries(high, low, out, out, n, period, true);
}
