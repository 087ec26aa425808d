import { fillNaN } from '../../assembly/lib/common';
import { t3Pass } from '../../assembly/lib/ma';

/** T3: the six chained EMAs in one scalar pass, TA-Lib's operations in order. */
export function t3(x: usize, out: usize, n: i32, period: i32, vFactor: f64): void {
  fillNaN(out, 6 * (period - 1), n);
  t3Pass(x, out, n, period, vFactor);
}
