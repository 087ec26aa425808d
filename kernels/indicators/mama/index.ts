import { defineIndicator } from '../../src/define.ts';
import { barsToForget } from '../../src/reference/common.ts';
import { HILBERT_WARMUP, MAMA_LOOKBACK } from '../../src/reference/hilbert.ts';
import { HILBERT_LIBM_NOTE, HILBERT_TOLERANCE, UNSTABLE_NOTE } from '../../src/reference/hilbert-notes.ts';
import { mamaStream } from './stream.ts';

export default defineIndicator({
  id: 'mama',
  name: 'MESA Adaptive Moving Average',
  group: 'Overlap Studies',
  description: "Ehlers' MAMA and its following average FAMA: an EMA whose alpha adapts to the rate of change of the Hilbert-transform phase.",
  inputs: ['close'],
  params: [
    { name: 'fastLimit', type: 'real', description: 'Largest alpha (used when the phase changes by 1 degree or less).', default: 0.5, min: 0.01, max: 0.99 },
    { name: 'slowLimit', type: 'real', description: 'Smallest alpha.', default: 0.05, min: 0.01, max: 0.99 },
  ],
  outputs: [
    { name: 'mama', description: 'The MESA adaptive moving average.' },
    { name: 'fama', description: 'The following adaptive moving average (alpha / 2 applied to MAMA).' },
  ],
  lookback: () => MAMA_LOOKBACK,
  lookbackFormula: '32',
  tolerance: HILBERT_TOLERANCE,
  talib: { name: 'MAMA', params: ['fastLimit', 'slowLimit'] },
  notes: [
    'TA-Lib\'s start, reproduced: the price is smoothed by a 4-bar WMA (weights 4, 3, 2, 1, times 0.1) from bar 3 on; the Hilbert transforms run from bar 12 with all state 0; MAMA and FAMA start at 0 there, so the first outputs (bar 32) still carry that start.',
    'The transforms keep separate state for even and odd bars (TA-Lib\'s odd/even rings), each scaled by 0.075 * the previous period + 0.54.',
    'alpha = fastLimit / (previous phase - phase), the change floored at 1 degree (alpha = fastLimit there) and alpha floored at slowLimit; the phase is 0 on bars whose I1 is 0 (flat prices). FAMA uses alpha / 2 on MAMA.',
    'TA-Lib does not require fastLimit >= slowLimit; neither do we. Both are limited to TA-Lib\'s 0.01..0.99.',
    'Values depend on all earlier bars (alpha is at least slowLimit / 2 for FAMA): a later start converges after a warm-up.',
    'On exactly flat stretches I1 is 0 (phase 0) only if the WMA\'s running sums repeat bit for bit, which depends on where the series started: a run started elsewhere can see a phase of +-90 degrees there and another alpha, so MAMA and FAMA may differ by up to fastLimit * |price - MAMA|, decaying afterwards (the tests allow exactly that).',
    HILBERT_LIBM_NOTE,
    UNSTABLE_NOTE,
  ],
  warmup: (p) => HILBERT_WARMUP + barsToForget(1 - p.slowLimit! / 2),
  stream: mamaStream,
  simdPanel: false,
});
