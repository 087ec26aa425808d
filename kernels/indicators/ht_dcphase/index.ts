import { defineIndicator } from '../../src/define.ts';
import { CYCLE_LOOKBACK, HILBERT_WARMUP } from '../../src/reference/hilbert.ts';
import { PHASE_NOTES, PHASE_TOLERANCE } from '../../src/reference/hilbert-notes.ts';
import { htDcPhaseStream } from './stream.ts';

export default defineIndicator({
  id: 'ht_dcphase',
  name: 'Hilbert Transform - Dominant Cycle Phase',
  group: 'Cycle Indicators',
  description: "Ehlers' dominant cycle phase, in degrees, from a DFT of the smoothed price over the measured cycle period.",
  inputs: ['close'],
  params: [],
  outputs: [{ name: 'phase', description: 'The dominant cycle phase, in degrees, in (-45, 315].' }],
  lookback: () => CYCLE_LOOKBACK,
  lookbackFormula: '63',
  tolerance: PHASE_TOLERANCE,
  talib: { name: 'HT_DCPHASE', params: [] },
  notes: PHASE_NOTES,
  warmup: () => HILBERT_WARMUP,
  stream: htDcPhaseStream,
  simdPanel: false,
});
