import { defineIndicator, periodParam } from '../../src/define.ts';
import { stochfResumEvery, stochfStream } from './stream.ts';

export default defineIndicator({
  id: 'stochf',
  name: 'Stochastic Fast',
  group: 'Momentum Indicators',
  description: 'Fast %K = 100 * (close - lowest low) / (highest high - lowest low) over fastK bars; fast %D = its SMA over fastD values.',
  inputs: ['high', 'low', 'close'],
  params: [
    periodParam('fastK', 5, 'Bars in the high-low range of %K.', 1),
    periodParam('fastD', 3, 'Values of %K averaged (SMA) into %D.', 1),
  ],
  outputs: [
    { name: 'fastK', description: 'Fast %K in [0, 100].' },
    { name: 'fastD', description: 'Fast %D: SMA of fast %K.' },
  ],
  lookback: (p) => p.fastK! - 1 + (p.fastD! - 1),
  lookbackFormula: '(fastK - 1) + (fastD - 1)',
  tolerance: 'reference and WebAssembly kernels bit-exact with TA-Lib computing each re-sum block of %D (%K is exact; TA-Lib never re-sums %D; over a whole series the two differ by its rounding drift)',
  talib: { name: 'STOCHF', params: ['fastK', 'fastD', 0] },
  notes: [
    "%D is TA-Lib's simple moving average (MA type 0); TA-Lib's other MA types are not offered.",
    "%K is computed in TA-Lib's form (close - lowest) / ((highest - lowest) / 100), and is 0 (not NaN) when the highest high equals the lowest low.",
    'Both lines start at bar (fastK - 1) + (fastD - 1): %K is not output before %D exists, as in TA-Lib.',
    'The %D running total is recomputed from scratch every max(1024, fastD) bars so long series do not drift.',
  ],
  resumEvery: (p) => stochfResumEvery(p.fastD!),
  stream: stochfStream,
  simdPanel: false,
});
