import { fillNaN } from '../../assembly/lib/common';
import { MA_STORE, maPass } from '../../assembly/lib/ma';

/** TRIMA: TA-Lib's running numerator in one scalar pass. */
export function trima(x: usize, out: usize, n: i32, period: i32): void {
  fillNaN(out, period - 1, n);
  maPass(x, out, 0, n, 5, period, 0, MA_STORE);
}
