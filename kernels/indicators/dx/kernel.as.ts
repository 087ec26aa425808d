import { fillNaN, ld, st } from '../../assembly/lib/common';
import { dxRun } from '../../assembly/lib/directional';

/** DX: ADX's DX pass (bit-exact), then TA-Lib's zero rule: a missing first DX is 0, a later one repeats the previous. */
export function dx(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): void {
  fillNaN(out, period, n);
  if (n <= period) return;
  dxRun(high, low, close, out, n, period);
  let prev: f64 = 0;
  for (let t = period; t < n; t++) {
    const v = ld(out, t);
    if (v == v) prev = v;
    else st(out, t, prev);
  }
}
