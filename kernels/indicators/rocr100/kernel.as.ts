import { changeSeries, ROCR100 } from '../../assembly/lib/lag';

/** ROCR100, element-wise: (x / x[-period]) * 100, 0 where x[-period] is 0; four bars per step. */
export function rocr100(x: usize, out: usize, n: i32, period: i32): void {
  changeSeries(x, out, n, period, ROCR100);
}
