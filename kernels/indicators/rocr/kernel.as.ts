import { changeSeries, ROCR } from '../../assembly/lib/lag';

/** ROCR, element-wise: x / x[-period], 0 where x[-period] is 0; four bars per step. */
export function rocr(x: usize, out: usize, n: i32, period: i32): void {
  changeSeries(x, out, n, period, ROCR);
}
