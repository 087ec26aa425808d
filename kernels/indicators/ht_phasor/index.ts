import { defineIndicator } from '../../src/define.ts';
import { HILBERT_WARMUP } from '../../src/reference/hilbert.ts';
import { HILBERT_LIBM_NOTE, HILBERT_TOLERANCE, UNSTABLE_NOTE } from '../../src/reference/hilbert-notes.ts';
import { HT_PHASOR_LOOKBACK, htPhasorStream } from './stream.ts';

export default defineIndicator({
  id: 'ht_phasor',
  name: 'Hilbert Transform - Phasor Components',
  group: 'Cycle Indicators',
  description: 'The in-phase and quadrature components of the detrended, smoothed price (Ehlers).',
  inputs: ['close'],
  params: [],
  outputs: [
    { name: 'inphase', description: 'I1: the detrended price three bars back.' },
    { name: 'quadrature', description: 'Q1: the Hilbert transform of the detrended price.' },
  ],
  lookback: () => HT_PHASOR_LOOKBACK,
  lookbackFormula: '32',
  tolerance: HILBERT_TOLERANCE,
  talib: { name: 'HT_PHASOR', params: [] },
  notes: [
    'TA-Lib\'s start, reproduced: a 4-bar WMA of the price from bar 3, the Hilbert transforms from bar 12 with all state 0, the first output at bar 32.',
    'The transforms keep separate state for even and odd bars (TA-Lib\'s odd/even rings): I1 is the detrender of the same parity three bars of that parity back (six bars), not three bars back.',
    'Each transform is scaled by 0.075 * the previous bar\'s period + 0.54, so the components depend on the period measurement (and on atan, see below).',
    HILBERT_LIBM_NOTE,
    UNSTABLE_NOTE,
  ],
  warmup: () => HILBERT_WARMUP,
  stream: htPhasorStream,
  simdPanel: false,
});
