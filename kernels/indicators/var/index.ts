import { resumInterval } from '../../src/reference/common.ts';
import { defineIndicator, periodParam, TA_REAL_MAX } from '../../src/define.ts';
import { varStream } from './stream.ts';

export default defineIndicator({
  id: 'var',
  name: 'Variance',
  group: 'Statistic Functions',
  description: 'Population variance of the last `period` closes.',
  inputs: ['close'],
  params: [
    periodParam('period', 5, 'Number of bars in the window (1 gives 0).', 1),
    { name: 'nbDev', type: 'real', description: "Accepted for TA-Lib's signature and ignored, as TA-Lib ignores it.", default: 1, min: -TA_REAL_MAX, max: TA_REAL_MAX },
  ],
  outputs: [{ name: 'var', description: 'Population variance, in squared price units.' }],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance: "bit-exact with TA-Lib computing each re-sum block, in both kernels (TA-Lib never re-sums: over a whole series the two differ by TA-Lib's drift)",
  talib: { name: 'VAR', params: ['period', 'nbDev'] },
  notes: [
    'TA-Lib ignores nbDev (the variance is never multiplied): it is accepted and ignored here too, so TA-Lib calls carry over unchanged.',
    'Population variance (divides by period), computed like TA-Lib as mean(x^2) - mean(x)^2 from running sums, which are recomputed from scratch every max(1024, period) bars so long series do not drift.',
    'Unlike STDDEV, TA-Lib applies no floor: in a flat or nearly flat window the difference is rounding noise of size ~1e-16 * mean(x^2), which can be slightly negative, and is returned as it comes.',
  ],
  resumEvery: (p) => resumInterval(p.period!),
  stream: varStream,
  simdPanel: false,
});
