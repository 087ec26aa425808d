import { fillNaN } from '../../assembly/lib/common';
import { rollingExtreme, STORE } from '../../assembly/lib/extremes';

/** MINMAXINDEX: TA-Lib's extremes, O(1) amortised per bar (see rollingExtreme). */
export function minmaxindex(x: usize, outMinIdx: usize, outMaxIdx: usize, n: i32, period: i32): void {
  fillNaN(outMinIdx, period - 1, n);
  fillNaN(outMaxIdx, period - 1, n);
  rollingExtreme(x, 0, outMinIdx, n, period, false, STORE);
  rollingExtreme(x, 0, outMaxIdx, n, period, true, STORE);
}
