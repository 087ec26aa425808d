import { fillNaN } from '../../assembly/lib/common';
import { rollingMidRange } from '../../assembly/lib/extremes';

/** MIDPOINT: (highest + lowest) / 2 over the window, TA-Lib's values (see rollingMidRange). */
export function midpoint(x: usize, out: usize, n: i32, period: i32): void {
  fillNaN(out, period - 1, n);
  rollingMidRange(x, x, out, n, period);
}
