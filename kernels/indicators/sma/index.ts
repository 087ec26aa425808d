import { resumInterval } from '../../src/reference/common.ts';
import { defineIndicator, periodParam } from '../../src/define.ts';
import { smaStream } from './stream.ts';

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
  tolerance:
    'reference kernel bit-exact with TA-Lib computing each re-sum block (TA-Lib never re-sums: over a whole series the two differ by TA-Lib\'s drift, 1e-12 relative on our tests); the WebAssembly kernel adds differences pairwise: within 1e-12 relative',
  talib: { name: 'SMA', params: ['period'] },
  notes: [
    'The first value is the plain mean of the first `period` closes, summed left to right exactly as TA-Lib does.',
    'The running total is recomputed from scratch every max(1024, period) bars so long series do not drift: a 1e7-bar SMA stays within 1e-12 relative of exact window sums (tested). Between re-sums the error is bounded by about that many roundings of the largest window sum, so a value a million times the others leaves up to ~1e-11 relative behind it until the next re-sum.',
  ],
  resumEvery: (p) => resumInterval(p.period!),
  stream: smaStream,
  simdPanel: false,
});
