import { fillNaN } from '../../assembly/lib/common';
import { MIDPOINT, rollingExtreme, STORE } from '../../assembly/lib/extremes';

/** MIDPOINT: TA-Lib's extremes, O(1) amortised per bar (see rollingExtreme). */
export function midpoint(x: usize, out: usize, n: i32, period: i32): void {
  fillNaN(out, period - 1, n);
  rollingExtreme(x, out, 0, n, period, true, STORE);
  rollingExtreme(x, out, 0, n, period, false, MIDPOINT);
}
