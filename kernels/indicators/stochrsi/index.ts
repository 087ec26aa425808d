import { barsToForget } from '../../src/reference/common.ts';
import { defineIndicator, periodParam } from '../../src/define.ts';
import { MA_MAX_PERIOD, maStage, maTypeLookback, maTypeParam, maWarmup } from '../../src/reference/ma.ts';
import { stochrsiStream } from './stream.ts';

export default defineIndicator({
  id: 'stochrsi',
  name: 'Stochastic Relative Strength Index',
  group: 'Momentum Indicators',
  description: 'STOCHF applied to the RSI: where the RSI sits in its own range over fastK values, and a moving average (SMA by default) of that.',
  inputs: ['close'],
  params: [
    periodParam('period', 14, 'Number of bars in the RSI.'),
    periodParam('fastK', 5, 'RSI values in the high-low range of %K.', 1),
    periodParam('fastD', 3, 'Values of %K averaged into %D.', 1, MA_MAX_PERIOD),
    maTypeParam('fastDMaType', 0, 'Kind of the %D average (TA-Lib\'s fastD_MAType).'),
  ],
  outputs: [
    { name: 'fastK', description: 'Stochastic RSI %K in [0, 100].' },
    { name: 'fastD', description: '%D: moving average of %K.' },
  ],
  lookback: (p) => p.period! + (p.fastK! - 1) + maTypeLookback(p.fastDMaType!, p.fastD!),
  lookbackFormula: 'period + (fastK - 1) + the %D MA type\'s lookback for fastD (fastD - 1 for SMA, see ma)',
  tolerance: 'reference and WebAssembly kernels bit-exact with TA-Lib under every MA type (same RSI, exact extremes, %D computed as TA-Lib does)',
  talib: { name: 'STOCHRSI', params: ['period', 'fastK', 'fastD', 'fastDMaType'] },
  notes: [
    "The RSI is TA-Lib's (see rsi), seeded at the first bar; TA-Lib's STOCHF then runs over it with the RSI as high, low and close.",
    'TA-Lib\'s %K scale is 0..100 (not 0..1); %K is 0 (not NaN) when the RSI did not move over the last fastK values, e.g. on a flat series.',
    "%D is TA-Lib's moving average of type fastDMaType (default 0, the SMA; see ma for the types); MA type 7 (MAMA) runs with fastLimit 0.5 and slowLimit 0.05, the period ignored, as in TA-Lib.",
    `fastD stops at ${MA_MAX_PERIOD}, not TA-Lib's 100000: with the WMA type TA-Lib's 32-bit weight sum overflows above it.`,
    "Unlike STOCHF, %D's running total is not re-summed: TA-Lib restarts the RSI wherever it is asked to start, so no restart point reproduces TA-Lib. %K is bounded by 100, so the total drifts by at most a few 1e-14 per bar in the worst case and far less in practice.",
    'Values depend on all earlier bars through the RSI: a series that starts later converges to the same values after a warm-up of several periods.',
  ],
  warmup: (p) => barsToForget(1 - 1 / p.period!) + maWarmup(maStage(p.fastDMaType!, p.fastD!)),
  stream: stochrsiStream,
  simdPanel: false,
});
