import { fillNaN } from '../../assembly/lib/common';
import { rangePosition, rollingMax } from '../../assembly/lib/extremes';

/** WILLR: rolling highs into `out`, then one pass tracking the lows and dividing as TA-Lib does. */
export function willr(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): void {
  fillNaN(out, period - 1, n);
  if (n < period) return;
  rollingMax(high, out, n, period);
  rangePosition(low, close, out, n, period, true);
}
