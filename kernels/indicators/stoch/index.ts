import { defineIndicator, periodParam } from '../../src/define.ts';
import { stochResumEvery, stochStream } from './stream.ts';

export default defineIndicator({
  id: 'stoch',
  name: 'Stochastic',
  group: 'Momentum Indicators',
  description: 'Slow %K = SMA(slowK) of fast %K over fastK bars; slow %D = SMA(slowD) of slow %K.',
  inputs: ['high', 'low', 'close'],
  params: [
    periodParam('fastK', 5, 'Bars in the high-low range of fast %K.', 1),
    periodParam('slowK', 3, 'Values of fast %K averaged (SMA) into slow %K.', 1),
    periodParam('slowD', 3, 'Values of slow %K averaged (SMA) into slow %D.', 1),
  ],
  outputs: [
    { name: 'slowK', description: 'Slow %K in [0, 100].' },
    { name: 'slowD', description: 'Slow %D: SMA of slow %K.' },
  ],
  lookback: (p) => p.fastK! - 1 + (p.slowK! - 1) + (p.slowD! - 1),
  lookbackFormula: '(fastK - 1) + (slowK - 1) + (slowD - 1)',
  tolerance: 'reference and WebAssembly kernels bit-exact with TA-Lib computing each re-sum block (TA-Lib never re-sums; over a whole series the two differ by its rounding drift)',
  talib: { name: 'STOCH', params: ['fastK', 'slowK', 0, 'slowD', 0] },
  notes: [
    "Both smoothings are TA-Lib's simple moving average (MA type 0); TA-Lib's other MA types are not offered.",
    "Fast %K is computed in TA-Lib's form (close - lowest) / ((highest - lowest) / 100), and is 0 (not NaN) when the highest high equals the lowest low.",
    'Both lines start at bar (fastK - 1) + (slowK - 1) + (slowD - 1) (8 for 5/3/3): slow %K is not output before slow %D exists, as in TA-Lib.',
    'The running totals are recomputed every max(1024, slowK, slowD) bars, each block exactly as TA-Lib computes when started there, so long series do not drift.',
  ],
  resumEvery: stochResumEvery,
  stream: stochStream,
  simdPanel: false,
});
