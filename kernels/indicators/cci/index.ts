import { defineIndicator, periodParam } from '../../src/define.ts';
import { cciStream } from './stream.ts';

export default defineIndicator({
  id: 'cci',
  name: 'Commodity Channel Index',
  group: 'Momentum Indicators',
  description: 'How far the typical price (h + l + c) / 3 is from its mean, in units of 0.015 mean absolute deviations.',
  inputs: ['high', 'low', 'close'],
  params: [periodParam('period', 14, 'Number of bars in the mean and the mean deviation.')],
  outputs: [{ name: 'cci', description: 'The CCI, unbounded, mostly within [-300, 300].' }],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance: "bit-exact with TA-Lib in both kernels (the window is summed in TA-Lib's circular-buffer order)",
  talib: { name: 'CCI', params: ['period'] },
  notes: [
    "As in TA-Lib, the mean and the mean deviation are summed afresh for every window (O(period) per bar, no running sum to drift), in TA-Lib's circular-buffer order: the window's bars whose index mod period is 0, 1, ... in turn, not oldest first.",
    'The output is 0 when the typical price equals the mean exactly or the mean deviation is exactly 0 (TA-Lib compares with 0, not with a tolerance).',
    'On a perfectly flat series the mean of the window may round away from the price: the numerator and the deviation are then the same rounding residue and the CCI is ±66.67 instead of 0 (e.g. a constant 294.8445569932877 with period 14 gives -66.67). TA-Lib does this; we reproduce it bit for bit.',
  ],
  stream: cciStream,
  simdPanel: false,
});
