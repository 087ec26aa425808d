import { barsToForget } from '../../src/reference/common.ts';
import { defineIndicator, periodParam } from '../../src/define.ts';
import { atrStream } from './stream.ts';
import { atrLoop } from './loop.ts';

export default defineIndicator({
  id: 'atr',
  name: 'Average True Range',
  group: 'Volatility Indicators',
  description: "Wilder's average of the true range: (prev * (period - 1) + TR) / period, seeded with a plain mean.",
  inputs: ['high', 'low', 'close'],
  params: [periodParam('period', 14, 'Number of bars in the Wilder average.', 1)],
  outputs: [{ name: 'atr', description: 'The average true range, in price units.' }],
  lookback: (p) => p.period!,
  lookbackFormula: 'period',
  tolerance: 'bit-exact with TA-Lib in both kernels and in the lane-parallel panel kernel (same operations in the same order)',
  talib: { name: 'ATR', params: ['period'] },
  notes: [
    'The true range starts at bar 1 (bar 0 has no previous close); the first ATR, at bar `period`, is the plain mean of the true ranges of bars 1..period.',
    "Later values are Wilder-smoothed in TA-Lib's statement order: atr *= period - 1; atr += tr; atr /= period (bit-exact, not the algebraically equal atr + (tr - atr) / period).",
    'A period of 1 gives the true range itself (TA-Lib calls TRANGE there; the smoothing reduces to the same values).',
    'Values depend on all earlier bars: a series that starts later converges to the same values after a warm-up of several periods.',
  ],
  warmup: (p) => barsToForget(1 - 1 / p.period!),
  stream: atrStream,
  loop: atrLoop,
  serialChain: true,
  simdPanel: true,
});
