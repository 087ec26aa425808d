import { resumInterval } from '../../src/reference/common.ts';
import { defineIndicator, periodParam } from '../../src/define.ts';
import { correlStream } from './stream.ts';

export default defineIndicator({
  id: 'correl',
  name: "Pearson's Correlation Coefficient (r)",
  group: 'Statistic Functions',
  description: 'Correlation of `real0` and `real1` over the last `period` bars (of the values, not of their returns).',
  inputs: ['real0', 'real1'],
  params: [periodParam('period', 30, 'Number of bars in the window.', 1)],
  outputs: [{ name: 'correl', description: 'r in [-1, 1].' }],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance:
    "bit-exact with TA-Lib computing each re-sum block, in both kernels (TA-Lib never re-sums: over a whole series the two differ by TA-Lib's drift)",
  talib: { name: 'CORREL', params: ['period'] },
  notes: [
    'Computed as TA-Lib does, (Sxy - Sx*Sy/n) / sqrt((Sxx - Sx^2/n) * (Syy - Sy^2/n)) from running sums, subtracting the oldest pair before adding the newest.',
    "As in TA-Lib, the output is 0 (not NaN) when the product of the two variance sums is below 1e-14: an absolute threshold, so a flat series gives 0, and so do series of small magnitude (values around 1e-4 with small moves, or smaller), whatever their correlation; rescale such series first. Rounding can also leave |r| a hair above 1.",
    'The running sums are recomputed from scratch every max(1024, period) bars so long series do not drift.',
  ],
  resumEvery: (p) => resumInterval(p.period!),
  stream: correlStream,
  simdPanel: false,
});
