import { defineIndicator, periodParam } from '../../src/define.ts';
import { MA_MAX_PERIOD, maTypeLookback, maTypeParam } from '../../src/reference/ma.ts';
import { stochResumEvery, stochStream } from './stream.ts';

export default defineIndicator({
  id: 'stoch',
  name: 'Stochastic',
  group: 'Momentum Indicators',
  description: 'Slow %K = MA(slowK) of fast %K over fastK bars; slow %D = MA(slowD) of slow %K (SMAs by default).',
  inputs: ['high', 'low', 'close'],
  params: [
    periodParam('fastK', 5, 'Bars in the high-low range of fast %K.', 1),
    periodParam('slowK', 3, 'Values of fast %K averaged into slow %K.', 1, MA_MAX_PERIOD),
    maTypeParam('slowKMaType', 0, 'Kind of the slow %K average (TA-Lib\'s slowK_MAType).'),
    periodParam('slowD', 3, 'Values of slow %K averaged into slow %D.', 1, MA_MAX_PERIOD),
    maTypeParam('slowDMaType', 0, 'Kind of the slow %D average (TA-Lib\'s slowD_MAType).'),
  ],
  outputs: [
    { name: 'slowK', description: 'Slow %K in [0, 100].' },
    { name: 'slowD', description: 'Slow %D: moving average of slow %K.' },
  ],
  lookback: (p) => p.fastK! - 1 + maTypeLookback(p.slowKMaType!, p.slowK!) + maTypeLookback(p.slowDMaType!, p.slowD!),
  lookbackFormula: '(fastK - 1) + lookback of the slow %K MA + lookback of the slow %D MA ((slowK - 1) + (slowD - 1) for SMAs; see ma)',
  tolerance: 'reference and WebAssembly kernels bit-exact with TA-Lib under every pair of MA types; with two SMAs (the default) computing each re-sum block (TA-Lib never re-sums; over a whole series the two differ by its rounding drift)',
  talib: { name: 'STOCH', params: ['fastK', 'slowK', 'slowKMaType', 'slowD', 'slowDMaType'] },
  notes: [
    "Both smoothings are TA-Lib's moving averages of types slowKMaType and slowDMaType (default 0, the SMA; see ma for the types); MA type 7 (MAMA) runs with fastLimit 0.5 and slowLimit 0.05, the period ignored, as in TA-Lib.",
    `slowK and slowD stop at ${MA_MAX_PERIOD}, not TA-Lib's 100000: with the WMA type TA-Lib's 32-bit weight sum overflows above it.`,
    "Fast %K is computed in TA-Lib's form (close - lowest) / ((highest - lowest) / 100), and is 0 (not NaN) when the highest high equals the lowest low.",
    'Both lines start at bar (fastK - 1) + the two MAs\' lookbacks ((fastK - 1) + (slowK - 1) + (slowD - 1), 8 for 5/3/3 with SMAs): slow %K is not output before slow %D exists, as in TA-Lib.',
    'With two SMAs the running totals are recomputed every max(1024, slowK, slowD) bars, each block exactly as TA-Lib computes when started there, so long series do not drift; any other types never re-sum, exactly as TA-Lib.',
  ],
  resumEvery: stochResumEvery,
  stream: stochStream,
  simdPanel: false,
});
