import { fillNaN } from '../../assembly/lib/common';
import { MIDPOINT, rollingExtreme, STORE } from '../../assembly/lib/extremes';

/** MIDPRICE: the rolling highest high into out, then the lowest low folded in as (hh + ll) / 2. */
export function midprice(high: usize, low: usize, out: usize, n: i32, period: i32): void {
  fillNaN(out, period - 1, n);
  rollingExtreme(high, out, 0, n, period, true, STORE);
  rollingExtreme(low, out, 0, n, period, false, MIDPOINT);
}
