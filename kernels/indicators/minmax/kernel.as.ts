import { fillNaN } from '../../assembly/lib/common';
import { rollingExtreme, STORE } from '../../assembly/lib/extremes';

/** MINMAX: TA-Lib's extremes, O(1) amortised per bar (see rollingExtreme). */
export function minmax(x: usize, outMin: usize, outMax: usize, n: i32, period: i32): void {
  fillNaN(outMin, period - 1, n);
  fillNaN(outMax, period - 1, n);
  rollingExtreme(x, outMin, 0, n, period, false, STORE);
  rollingExtreme(x, outMax, 0, n, period, true, STORE);
}
