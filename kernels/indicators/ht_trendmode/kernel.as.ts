import { fillNaN, st } from '../../assembly/lib/common';
import { CYCLE_LOOKBACK, dcPhase, hilbertBar, hilbertStart, period, rad2Deg, SMOOTH_PRICE_SIZE, SMOOTH_PRICES, smoothed, trendMean } from '../../assembly/lib/hilbert';

/** HT_TRENDMODE as the reference computes it (1 trend, 0 cycle, NaN in the lookback); a scalar serial chain. */
export function ht_trendmode(x: usize, out: usize, n: i32): void {
  fillNaN(out, CYCLE_LOOKBACK, n);
  if (n <= CYCLE_LOOKBACK) return;
  const toDeg = rad2Deg();
  const toRad = 1.0 / toDeg;
  const twoPi = Math.atan(1.0) * 8.0;
  hilbertStart(x, 34);
  let smoothPeriod: f64 = 0, phase: f64 = 0;
  let trend1: f64 = 0, trend2: f64 = 0, trend3: f64 = 0;
  let sine: f64 = 0, leadSine: f64 = 0;
  let daysInTrend: i32 = 0;
  let slot = 0;
  for (let t = 37; t < n; t++) {
    hilbertBar(x, t, toDeg);
    const price = smoothed;
    store<f64>(SMOOTH_PRICES + (<usize>slot << 3), price);
    smoothPeriod = 0.33 * period + 0.67 * smoothPeriod;
    const prevPhase = phase;
    phase = dcPhase(slot, smoothPeriod, phase, toDeg, twoPi);
    const prevSine = sine, prevLeadSine = leadSine;
    sine = Math.sin(phase * toRad);
    leadSine = Math.sin((phase + 45) * toRad);
    const mean = trendMean(x, t, smoothPeriod);
    const line = (4.0 * mean + 3.0 * trend1 + 2.0 * trend2 + trend3) / 10.0;
    trend3 = trend2;
    trend2 = trend1;
    trend1 = mean;
    let trend: f64 = 1;
    if ((sine > leadSine && prevSine <= prevLeadSine) || (sine < leadSine && prevSine >= prevLeadSine)) {
      daysInTrend = 0;
      trend = 0;
    }
    daysInTrend++;
    if (<f64>daysInTrend < 0.5 * smoothPeriod) trend = 0;
    const advance = phase - prevPhase;
    if (smoothPeriod != 0 && advance > (0.67 * 360.0) / smoothPeriod && advance < (1.5 * 360.0) / smoothPeriod) trend = 0;
    if (line != 0 && Math.abs((price - line) / line) >= 0.015) trend = 1;
    if (t >= CYCLE_LOOKBACK) st(out, t, trend);
    if (++slot == SMOOTH_PRICE_SIZE) slot = 0;
  }
}
