import { changeSeries, ROC } from '../../assembly/lib/lag';

/** ROC, element-wise: ((x / x[-period]) - 1) * 100, 0 where x[-period] is 0; four bars per step. */
export function roc(x: usize, out: usize, n: i32, period: i32): void {
  changeSeries(x, out, n, period, ROC);
}
