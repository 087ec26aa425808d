import { fillNaN } from '../../assembly/lib/common';
import { rollingMax } from '../../assembly/lib/extremes';

/** MAX: TA-Lib's extremes, by blocks or O(1) amortised per bar (see rollingHighLow). */
export function max(x: usize, out: usize, n: i32, period: i32): void {
  fillNaN(out, period - 1, n);
  rollingMax(x, out, n, period);
}
