import { defineIndicator, periodParam } from '../../src/define.ts';
import { midpriceStream } from './stream.ts';

export default defineIndicator({
  id: 'midprice',
  name: 'Midpoint Price Over Period',
  group: 'Overlap Studies',
  description: '(highest high + lowest low) / 2 of the last `period` bars.',
  inputs: ['high', 'low'],
  params: [periodParam('period', 14, 'Number of bars in the window.')],
  outputs: [{ name: 'midprice', description: '(highest high + lowest low) / 2.' }],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance: 'bit-exact with TA-Lib in both kernels (the same extremes, one addition and one halving)',
  talib: { name: 'MIDPRICE', params: ['period'] },
  notes: [
    'TA-Lib rescans the whole window every bar (O(period) per bar) and keeps its first extremes; both our kernels track the extremes instead (as WILLR does) and keep the first of equal extremes as TA-Lib does, so even the sign of a zero agrees.',
    "Computed as (highest + lowest) / 2, TA-Lib's order.",
  ],
  stream: midpriceStream,
  simdPanel: false,
});
