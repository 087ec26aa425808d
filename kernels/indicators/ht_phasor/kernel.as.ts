import { fillNaN, st } from '../../assembly/lib/common';
import { hilbertBar, hilbertStart, inPhase, MAMA_LOOKBACK, quadrature, rad2Deg } from '../../assembly/lib/hilbert';

/** HT_PHASOR as the reference computes it; a scalar serial chain. */
export function ht_phasor(x: usize, inPhaseOut: usize, quadratureOut: usize, n: i32): void {
  fillNaN(inPhaseOut, MAMA_LOOKBACK, n);
  fillNaN(quadratureOut, MAMA_LOOKBACK, n);
  if (n <= MAMA_LOOKBACK) return;
  const toDeg = rad2Deg();
  hilbertStart(x, 9);
  for (let t = 12; t < n; t++) {
    hilbertBar(x, t, toDeg);
    if (t >= MAMA_LOOKBACK) {
      st(inPhaseOut, t, inPhase);
      st(quadratureOut, t, quadrature);
    }
  }
}
