import { defineIndicator, periodParam } from '../../src/define.ts';
import { midpointStream } from './stream.ts';

export default defineIndicator({
  id: 'midpoint',
  name: 'Midpoint Over Period',
  group: 'Overlap Studies',
  description: '(highest + lowest) / 2 of the closes of the last `period` bars.',
  inputs: ['close'],
  params: [periodParam('period', 14, 'Number of bars in the window.')],
  outputs: [
    { name: 'midpoint', description: '(highest + lowest) / 2.' },
  ],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance: 'bit-exact with TA-Lib in both kernels (the same extremes, one addition and one halving)',
  talib: { name: 'MIDPOINT', params: ['period'] },
  notes: [
    'TA-Lib rescans the whole window every bar (O(period) per bar) and keeps its first extremes; both our kernels track the extremes instead (see MAX) and keep the first of equal extremes as TA-Lib does, so even the sign of a zero agrees.',
    "Computed as (highest + lowest) / 2, TA-Lib's order.",
  ],
  stream: midpointStream,
  simdPanel: false,
});
