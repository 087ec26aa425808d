import { changeSeries, ROCP } from '../../assembly/lib/lag';

/** ROCP, element-wise: (x - x[-period]) / x[-period], 0 where x[-period] is 0; four bars per step. */
export function rocp(x: usize, out: usize, n: i32, period: i32): void {
  changeSeries(x, out, n, period, ROCP);
}
