import { defineIndicator, periodParam } from '../../src/define.ts';
import { maxStream } from './stream.ts';

export default defineIndicator({
  id: 'max',
  name: 'Highest Value Over a Period',
  group: 'Math Operators',
  description: 'Highest close of the last `period` bars.',
  inputs: ['close'],
  params: [periodParam('period', 30, 'Number of bars in the window.')],
  outputs: [
    { name: 'max', description: 'The highest value.' },
  ],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance: 'bit-exact with TA-Lib in both kernels (comparisons only)',
  talib: { name: 'MAX', params: ['period'] },
  notes: [
    "The extremes are tracked as TA-Lib does (a new value takes the extreme when it ties or beats it; when the extreme leaves the window the window is rescanned): the stream rescans like TA-Lib; the WebAssembly kernel takes the values by blocks (van Herk / Gil-Werman, O(1) per bar, no branch on the data) for windows up to 4,096 bars of a series without a zero (whose two signs could make equal extremes differ), else finds TA-Lib's with a deque (O(1) amortised).",
  ],
  stream: maxStream,
  simdPanel: false,
});
