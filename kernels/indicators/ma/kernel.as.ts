import { fillNaN } from '../../assembly/lib/common';
import { MA_STORE, maPass, maTypeLookback } from '../../assembly/lib/ma';

/** TA_MA: one scalar pass of the chosen type (TA-Lib's arithmetic, in order). */
export function ma(x: usize, out: usize, n: i32, period: i32, maType: i32): void {
  fillNaN(out, maTypeLookback(maType, period), n);
  maPass(x, out, 0, n, maType, period, 0, MA_STORE);
}
