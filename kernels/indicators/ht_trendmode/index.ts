import { defineIndicator } from '../../src/define.ts';
import { CYCLE_LOOKBACK, HILBERT_WARMUP } from '../../src/reference/hilbert.ts';
import { PHASE_NOTES, PHASE_TOLERANCE } from '../../src/reference/hilbert-notes.ts';
import { htTrendModeStream } from './stream.ts';

export default defineIndicator({
  id: 'ht_trendmode',
  name: 'Hilbert Transform - Trend vs Cycle Mode',
  group: 'Cycle Indicators',
  description: "Ehlers' trend / cycle classifier: 1 while the market trends, 0 while it cycles.",
  inputs: ['close'],
  params: [],
  outputs: [{ name: 'trendmode', description: '1 (trend) or 0 (cycle); TA-Lib\'s integer output, as a number.' }],
  lookback: () => CYCLE_LOOKBACK,
  lookbackFormula: '63',
  tolerance: PHASE_TOLERANCE,
  talib: { name: 'HT_TRENDMODE', params: [] },
  notes: [
    ...PHASE_NOTES,
    'TA-Lib returns integers and has no NaN; the lookback bars (0..62) are NaN here, every later bar 0 or 1.',
    'A cycle (0) for half a period after the sine and lead sine cross, and while the phase advances by 0.67..1.5 times 360 / period per bar; a trend (1) regardless when the smoothed price is 1.5% or more away from the trendline (HT_TRENDLINE\'s value).',
    'A 0/1 output amplifies the last-bit differences: where the phase is ill-conditioned (flat stretches) or a comparison is a near tie, the mode may differ from TA-Lib\'s for up to half a period.',
  ],
  warmup: () => HILBERT_WARMUP,
  stream: htTrendModeStream,
  simdPanel: false,
});
