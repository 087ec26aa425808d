import { fillNaN, st } from '../../assembly/lib/common';
import { CYCLE_LOOKBACK, hilbertBar, hilbertStart, period, rad2Deg, trendMean } from '../../assembly/lib/hilbert';

/** HT_TRENDLINE as the reference computes it; a scalar serial chain. */
export function ht_trendline(x: usize, out: usize, n: i32): void {
  fillNaN(out, CYCLE_LOOKBACK, n);
  if (n <= CYCLE_LOOKBACK) return;
  const toDeg = rad2Deg();
  hilbertStart(x, 34);
  let smoothPeriod: f64 = 0;
  let trend1: f64 = 0, trend2: f64 = 0, trend3: f64 = 0;
  for (let t = 37; t < n; t++) {
    hilbertBar(x, t, toDeg);
    smoothPeriod = 0.33 * period + 0.67 * smoothPeriod;
    const mean = trendMean(x, t, smoothPeriod);
    const line = (4.0 * mean + 3.0 * trend1 + 2.0 * trend2 + trend3) / 10.0;
    trend3 = trend2;
    trend2 = trend1;
    trend1 = mean;
    if (t >= CYCLE_LOOKBACK) st(out, t, line);
  }
}
