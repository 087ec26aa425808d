import { fillNaN } from '../../assembly/lib/common';
import { rollingExtreme, STORE } from '../../assembly/lib/extremes';

/** MININDEX: TA-Lib's extremes, O(1) amortised per bar (see rollingExtreme). */
export function minindex(x: usize, out: usize, n: i32, period: i32): void {
  fillNaN(out, period - 1, n);
  rollingExtreme(x, 0, out, n, period, false, STORE);
}
