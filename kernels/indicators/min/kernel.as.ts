import { fillNaN } from '../../assembly/lib/common';
import { rollingMin } from '../../assembly/lib/extremes';

/** MIN: TA-Lib's extremes, by blocks or O(1) amortised per bar (see rollingHighLow). */
export function min(x: usize, out: usize, n: i32, period: i32): void {
  fillNaN(out, period - 1, n);
  rollingMin(x, out, n, period);
}
