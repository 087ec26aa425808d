import { resumInterval } from '../../src/reference/common.ts';
import { defineIndicator, periodParam } from '../../src/define.ts';
import { betaStream } from './stream.ts';

export default defineIndicator({
  id: 'beta',
  name: 'Beta',
  group: 'Statistic Functions',
  description: 'Beta of `real1` against `real0` over the returns of the last `period` bars: cov(x, y) / var(x), x and y the two series\' bar-to-bar returns.',
  inputs: ['real0', 'real1'],
  params: [periodParam('period', 5, 'Number of returns in the window.', 1)],
  outputs: [{ name: 'beta', description: 'The least-squares slope of real1\'s returns on real0\'s (1: moves with real0).' }],
  lookback: (p) => p.period!,
  lookbackFormula: 'period',
  tolerance:
    "bit-exact with TA-Lib computing each re-sum block, in both kernels (TA-Lib never re-sums: over a whole series the two differ by TA-Lib's drift)",
  talib: { name: 'BETA', params: ['period'] },
  notes: [
    "TA-Lib's inReal0 is real0 (the market, x) and inReal1 is real1 (the asset, y); the beta is the slope of y's returns on x's, (n*Sxy - Sx*Sy) / (n*Sxx - Sx^2).",
    'Computed on returns (price - previous) / previous, not on prices, so the lookback is period (a return needs the bar before it), one more than most windows.',
    'As in TA-Lib, a previous value within 1e-14 of zero gives a return of 0 (not a division by zero), so series of values around 1e-14 or smaller give only zero returns and a beta of 0.',
    'As in TA-Lib, when n*Sxx - Sx^2 is within 1e-14 of zero (real0 did not move, or period 1) the output is 0, not NaN.',
    'The running sums are recomputed from scratch every max(1024, period) bars so long series do not drift.',
  ],
  resumEvery: (p) => resumInterval(p.period!),
  stream: betaStream,
  simdPanel: false,
});
