import { defineIndicator } from '../../src/define.ts';
import { CYCLE_LOOKBACK, HILBERT_WARMUP } from '../../src/reference/hilbert.ts';
import { HILBERT_LIBM_NOTE, HILBERT_TOLERANCE, UNSTABLE_NOTE } from '../../src/reference/hilbert-notes.ts';
import { htTrendlineStream } from './stream.ts';

export default defineIndicator({
  id: 'ht_trendline',
  name: 'Hilbert Transform - Instantaneous Trendline',
  group: 'Overlap Studies',
  description: "Ehlers' instantaneous trendline: the mean over the measured dominant cycle, smoothed 4-3-2-1.",
  inputs: ['close'],
  params: [],
  outputs: [{ name: 'trendline', description: 'The instantaneous trendline.' }],
  lookback: () => CYCLE_LOOKBACK,
  lookbackFormula: '63',
  tolerance: HILBERT_TOLERANCE,
  talib: { name: 'HT_TRENDLINE', params: [] },
  notes: [
    'TA-Lib\'s start, reproduced: a 4-bar WMA of the price from bar 3, the Hilbert transforms from bar 37 with all state 0, the first output at bar 63; the three earlier means start at 0.',
    'The mean is over the last int(smoothPeriod + 0.5) raw prices (not the smoothed ones), newest first; the output is (4 mean + 3 mean[1] + 2 mean[2] + mean[3]) / 10.',
    'Only the integer window length depends on the trigonometry, so in practice the output equals TA-Lib\'s bit for bit (every test series so far); a period within rounding of a half-integer could pick another window.',
    HILBERT_LIBM_NOTE,
    UNSTABLE_NOTE,
  ],
  warmup: () => HILBERT_WARMUP,
  stream: htTrendlineStream,
  simdPanel: false,
});
