import { defineIndicator, periodParam } from '../../src/define.ts';
import { MA_MAX_PERIOD, maTypeLookback, maTypeParam } from '../../src/reference/ma.ts';
import { stochfResumEvery, stochfStream } from './stream.ts';

export default defineIndicator({
  id: 'stochf',
  name: 'Stochastic Fast',
  group: 'Momentum Indicators',
  description: 'Fast %K = 100 * (close - lowest low) / (highest high - lowest low) over fastK bars; fast %D = its moving average (SMA by default) over fastD values.',
  inputs: ['high', 'low', 'close'],
  params: [
    periodParam('fastK', 5, 'Bars in the high-low range of %K.', 1),
    periodParam('fastD', 3, 'Values of %K averaged into %D.', 1, MA_MAX_PERIOD),
    maTypeParam('fastDMaType', 0, 'Kind of the %D average (TA-Lib\'s fastD_MAType).'),
  ],
  outputs: [
    { name: 'fastK', description: 'Fast %K in [0, 100].' },
    { name: 'fastD', description: 'Fast %D: moving average of fast %K.' },
  ],
  lookback: (p) => p.fastK! - 1 + maTypeLookback(p.fastDMaType!, p.fastD!),
  lookbackFormula: '(fastK - 1) + the %D MA type\'s lookback for fastD (fastD - 1 for SMA, see ma)',
  tolerance: 'reference and WebAssembly kernels bit-exact with TA-Lib under every MA type; for the SMA (type 0) computing each re-sum block of %D (TA-Lib never re-sums %D; over a whole series the two differ by its rounding drift)',
  talib: { name: 'STOCHF', params: ['fastK', 'fastD', 'fastDMaType'] },
  notes: [
    "%D is TA-Lib's moving average of type fastDMaType (default 0, the SMA; see ma for the types); MA type 7 (MAMA) runs with fastLimit 0.5 and slowLimit 0.05, the period ignored, as in TA-Lib.",
    "%K is computed in TA-Lib's form (close - lowest) / ((highest - lowest) / 100), and is 0 (not NaN) when the highest high equals the lowest low.",
    'Both lines start at bar (fastK - 1) + lookback of %D ((fastK - 1) + (fastD - 1) for the SMA): %K is not output before %D exists, as in TA-Lib.',
    `fastD stops at ${MA_MAX_PERIOD}, not TA-Lib's 100000: with the WMA type TA-Lib's 32-bit weight sum overflows above it.`,
    'With the SMA, the %D running total is recomputed from scratch every max(1024, fastD) bars so long series do not drift; the other types never re-sum, exactly as TA-Lib.',
  ],
  resumEvery: stochfResumEvery,
  stream: stochfStream,
  simdPanel: false,
});
