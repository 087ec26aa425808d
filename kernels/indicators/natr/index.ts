import { barsToForget } from '../../src/reference/common.ts';
import { defineIndicator, periodParam } from '../../src/define.ts';
import { natrStream } from './stream.ts';
import { natrLoop } from './loop.ts';

export default defineIndicator({
  id: 'natr',
  name: 'Normalized Average True Range',
  group: 'Volatility Indicators',
  description: 'The ATR as a percentage of the close: (ATR / close) * 100.',
  inputs: ['high', 'low', 'close'],
  params: [periodParam('period', 14, 'Number of bars in the Wilder average.')],
  outputs: [{ name: 'natr', description: 'ATR in percent of the close.' }],
  lookback: (p) => p.period!,
  lookbackFormula: 'period',
  tolerance: 'bit-exact with TA-Lib in both kernels and in the lane-parallel panel kernel (same operations in the same order)',
  talib: { name: 'NATR', params: ['period'] },
  notes: [
    'The ATR inside is exactly ATR(period) (see atr); the output is (atr / close) * 100, divided then scaled as TA-Lib does.',
    'Where |close| < 1e-14 the output is 0. (TA-Lib 0.6 means the same but, after the first output, writes that 0 into its first output slot and leaves the bar itself unset.)',
    'The period starts at 2: TA-Lib accepts 1 but then returns the raw true range, not normalised by the close.',
    'Values depend on all earlier bars: a series that starts later converges to the same values after a warm-up of several periods.',
  ],
  warmup: (p) => barsToForget(1 - 1 / p.period!),
  stream: natrStream,
  loop: natrLoop,
  serialChain: true,
  simdPanel: true,
});
