import { fillNaN } from '../../assembly/lib/common';
import { trueRangeRun } from '../../assembly/lib/truerange';

/** TRANGE: element-wise, two bars per vector. */
export function trange(high: usize, low: usize, close: usize, out: usize, n: i32): void {
  fillNaN(out, 1, n);
  if (n <= 1) return;
  trueRangeRun(high, low, close, out, 1, n);
}
