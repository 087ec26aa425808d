import { fillNaN } from '../../assembly/lib/common';
import { rollingHighLow } from '../../assembly/lib/extremes';

/** MINMAX: TA-Lib's extremes, both in one pass by blocks or O(1) amortised per bar (see rollingHighLow). */
export function minmax(x: usize, outMin: usize, outMax: usize, n: i32, period: i32): void {
  fillNaN(outMin, period - 1, n);
  fillNaN(outMax, period - 1, n);
  rollingHighLow(x, x, outMax, outMin, n, period);
}
