import { defineIndicator, periodParam } from '../../src/define.ts';
import { smaReference } from './reference.ts';

export default defineIndicator({
  id: 'sma',
  name: 'Simple Moving Average',
  group: 'Overlap Studies',
  description: 'Arithmetic mean of the last `period` closes.',
  inputs: ['close'],
  params: [periodParam('period', 30, 'Number of bars averaged.')],
  outputs: [{ name: 'sma', description: 'The moving average.' }],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance: 'within 1e-12 relative of TA-Lib (the running sum is re-summed every max(1024, period) bars, TA-Lib never re-sums)',
  talib: { name: 'SMA', params: ['period'] },
  notes: [
    'The first value is the plain mean of the first `period` closes, summed left to right exactly as TA-Lib does.',
    'The running total is recomputed from scratch every max(1024, period) bars so long series do not drift.',
  ],
  reference: smaReference,
  simdPanel: false,
});
