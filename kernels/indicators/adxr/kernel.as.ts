import { fillNaN, ld, st } from '../../assembly/lib/common';
import { adxSeries } from '../../assembly/lib/adx';

/** ADXR: the ADX into `out` (bit-exact), then in place, last bar first, (adx + adx[-(period - 1)]) / 2. */
export function adxr(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): void {
  const lookback = 3 * period - 2;
  if (n <= lookback) {
    fillNaN(out, n, n);
    return;
  }
  adxSeries(high, low, close, out, n, period);
  const back = period - 1;
  for (let t = n - 1; t >= lookback; t--) st(out, t, (ld(out, t) + ld(out, t - back)) / 2.0);
  fillNaN(out, lookback, n);
}
