import { fillNaN } from '../../assembly/lib/common';
import { MA_STORE, maPass } from '../../assembly/lib/ma';

/** KAMA: one scalar pass with TA-Lib's arithmetic (the adaptive smoothing is a serial chain). */
export function kama(x: usize, out: usize, n: i32, period: i32): void {
  fillNaN(out, period, n);
  maPass(x, out, 0, n, 6, period, 0, MA_STORE);
}
