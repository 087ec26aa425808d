import { fillNaN, st } from '../../assembly/lib/common';
import { hilbertBar, hilbertStart, MAMA_LOOKBACK, period, rad2Deg } from '../../assembly/lib/hilbert';

/** HT_DCPERIOD as the reference computes it; a scalar serial chain. */
export function ht_dcperiod(x: usize, out: usize, n: i32): void {
  fillNaN(out, MAMA_LOOKBACK, n);
  if (n <= MAMA_LOOKBACK) return;
  const toDeg = rad2Deg();
  hilbertStart(x, 9);
  let smoothPeriod: f64 = 0;
  for (let t = 12; t < n; t++) {
    hilbertBar(x, t, toDeg);
    smoothPeriod = 0.33 * period + 0.67 * smoothPeriod;
    if (t >= MAMA_LOOKBACK) st(out, t, smoothPeriod);
  }
}
