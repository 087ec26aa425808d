import { defineIndicator, periodParam } from '../../src/define.ts';
import { minStream } from './stream.ts';

export default defineIndicator({
  id: 'min',
  name: 'Lowest Value Over a Period',
  group: 'Math Operators',
  description: 'Lowest close of the last `period` bars.',
  inputs: ['close'],
  params: [periodParam('period', 30, 'Number of bars in the window.')],
  outputs: [
    { name: 'min', description: 'The lowest value.' },
  ],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance: 'bit-exact with TA-Lib in both kernels (comparisons only)',
  talib: { name: 'MIN', params: ['period'] },
  notes: [
    'The extremes are tracked as TA-Lib does (a new value takes the extreme when it ties or beats it; when the extreme leaves the window the window is rescanned): the stream rescans like TA-Lib, the WebAssembly kernel finds the same extremes with a deque in O(1) amortised per bar.',
  ],
  stream: minStream,
  simdPanel: false,
});
