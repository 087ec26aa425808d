import { defineIndicator } from '../../src/define.ts';
import { CYCLE_LOOKBACK, HILBERT_WARMUP } from '../../src/reference/hilbert.ts';
import { PHASE_NOTES, PHASE_TOLERANCE } from '../../src/reference/hilbert-notes.ts';
import { htSineStream } from './stream.ts';

export default defineIndicator({
  id: 'ht_sine',
  name: 'Hilbert Transform - SineWave',
  group: 'Cycle Indicators',
  description: "Ehlers' sine wave: the sine of the dominant cycle phase and of the phase 45 degrees ahead.",
  inputs: ['close'],
  params: [],
  outputs: [
    { name: 'sine', description: 'sin(phase).' },
    { name: 'leadsine', description: 'sin(phase + 45 degrees).' },
  ],
  lookback: () => CYCLE_LOOKBACK,
  lookbackFormula: '63',
  tolerance: PHASE_TOLERANCE,
  talib: { name: 'HT_SINE', params: [] },
  notes: [...PHASE_NOTES, 'The sines are taken of the phase in degrees times TA-Lib\'s 1 / (45 / atan(1)).'],
  warmup: () => HILBERT_WARMUP,
  stream: htSineStream,
  simdPanel: false,
});
