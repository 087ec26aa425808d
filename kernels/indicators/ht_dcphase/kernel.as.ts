import { fillNaN, st } from '../../assembly/lib/common';
import { CYCLE_LOOKBACK, dcPhase, hilbertBar, hilbertStart, period, rad2Deg, SMOOTH_PRICE_SIZE, SMOOTH_PRICES, smoothed } from '../../assembly/lib/hilbert';

/** HT_DCPHASE as the reference computes it; a scalar serial chain. */
export function ht_dcphase(x: usize, out: usize, n: i32): void {
  fillNaN(out, CYCLE_LOOKBACK, n);
  if (n <= CYCLE_LOOKBACK) return;
  const toDeg = rad2Deg();
  const twoPi = Math.atan(1.0) * 8.0;
  hilbertStart(x, 34);
  let smoothPeriod: f64 = 0, phase: f64 = 0;
  let slot = 0;
  for (let t = 37; t < n; t++) {
    hilbertBar(x, t, toDeg);
    store<f64>(SMOOTH_PRICES + (<usize>slot << 3), smoothed);
    smoothPeriod = 0.33 * period + 0.67 * smoothPeriod;
    phase = dcPhase(slot, smoothPeriod, phase, toDeg, twoPi);
    if (t >= CYCLE_LOOKBACK) st(out, t, phase);
    if (++slot == SMOOTH_PRICE_SIZE) slot = 0;
  }
}
