import { resumInterval } from '../../src/reference/common.ts';
import { defineIndicator, periodParam } from '../../src/define.ts';
import { sumStream } from './stream.ts';

export default defineIndicator({
  id: 'sum',
  name: 'Summation',
  group: 'Math Operators',
  description: 'Sum of the last `period` closes.',
  inputs: ['close'],
  params: [periodParam('period', 30, 'Number of bars summed.')],
  outputs: [{ name: 'sum', description: 'The rolling sum.' }],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance:
    "bit-exact with TA-Lib computing each re-sum block, in both kernels (TA-Lib never re-sums: over a whole series the two differ by TA-Lib's drift)",
  talib: { name: 'SUM', params: ['period'] },
  notes: [
    'The first value is the plain sum of the first `period` closes, left to right as TA-Lib adds them; after that TA-Lib adds the newest value and subtracts the oldest.',
    'The running total is recomputed from scratch every max(1024, period) bars so long series do not drift (TA-Lib never does: on long series with large swings its total carries the rounding of every bar since the start).',
  ],
  resumEvery: (p) => resumInterval(p.period!),
  stream: sumStream,
  simdPanel: false,
});
