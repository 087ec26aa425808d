import { defineIndicator } from '../../src/define.ts';
import { HILBERT_WARMUP } from '../../src/reference/hilbert.ts';
import { HILBERT_LIBM_NOTE, HILBERT_TOLERANCE, UNSTABLE_NOTE } from '../../src/reference/hilbert-notes.ts';
import { HT_DCPERIOD_LOOKBACK, htDcPeriodStream } from './stream.ts';

export default defineIndicator({
  id: 'ht_dcperiod',
  name: 'Hilbert Transform - Dominant Cycle Period',
  group: 'Cycle Indicators',
  description: "Ehlers' dominant cycle period, in bars, measured by the Hilbert transform's homodyne discriminator.",
  inputs: ['close'],
  params: [],
  outputs: [{ name: 'period', description: 'The smoothed dominant cycle period, in bars (between 6 and 50 once settled).' }],
  lookback: () => HT_DCPERIOD_LOOKBACK,
  lookbackFormula: '32',
  tolerance: HILBERT_TOLERANCE,
  talib: { name: 'HT_DCPERIOD', params: [] },
  notes: [
    'TA-Lib\'s start, reproduced: a 4-bar WMA of the price from bar 3, the Hilbert transforms from bar 12 with all state 0 (period 0), the first output at bar 32; the period starts at 0 and rises towards its clamp range, so early outputs are below 6.',
    'Each bar the raw period 360 / atan(Im / Re) (in degrees; kept when Im or Re is exactly 0, as on flat prices) is clamped to 0.67..1.5 times the last period and to 6..50, then smoothed 0.2 / 0.8; the output smooths it again 0.33 / 0.67.',
    HILBERT_LIBM_NOTE,
    UNSTABLE_NOTE,
  ],
  warmup: () => HILBERT_WARMUP,
  stream: htDcPeriodStream,
  simdPanel: false,
});
