import { defineIndicator, periodParam } from '../../src/define.ts';
import { willrStream } from './stream.ts';

export default defineIndicator({
  id: 'willr',
  name: "Williams' %R",
  group: 'Momentum Indicators',
  description: 'Where the close sits in the high-low range of the last `period` bars, from 0 (at the high) to -100 (at the low).',
  inputs: ['high', 'low', 'close'],
  params: [periodParam('period', 14, 'Number of bars in the high-low range.')],
  outputs: [{ name: 'willr', description: '%R in [-100, 0].' }],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance: 'bit-exact with TA-Lib in both kernels (exact extremes, then the same two divisions)',
  talib: { name: 'WILLR', params: ['period'] },
  notes: [
    "Computed in TA-Lib's form (highest - close) / ((highest - lowest) / -100), which can differ in the last bit from -100 * (highest - close) / (highest - lowest).",
    'When the highest high equals the lowest low the output is 0 (TA-Lib), not NaN.',
    "The extremes are tracked as TA-Lib does (rescanning the window only when the extreme leaves it): linear on price data, O(period) per bar on a series that falls (or, for the low, rises) every bar.",
  ],
  stream: willrStream,
  simdPanel: false,
});
