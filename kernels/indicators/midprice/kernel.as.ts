import { fillNaN } from '../../assembly/lib/common';
import { rollingMidRange } from '../../assembly/lib/extremes';

/** MIDPRICE: (highest high + lowest low) / 2 over the window, TA-Lib's values (see rollingMidRange). */
export function midprice(high: usize, low: usize, out: usize, n: i32, period: i32): void {
  fillNaN(out, period - 1, n);
  rollingMidRange(high, low, out, n, period);
}
