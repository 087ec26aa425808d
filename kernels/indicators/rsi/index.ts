import { barsToForget } from '../../src/reference/common.ts';
import { defineIndicator, periodParam } from '../../src/define.ts';
import { rsiStream } from './stream.ts';
import { rsiLoop } from './loop.ts';

export default defineIndicator({
  id: 'rsi',
  name: 'Relative Strength Index',
  group: 'Momentum Indicators',
  description: "Wilder's RSI: 100 * avgGain / (avgGain + avgLoss), averages smoothed with 1/period.",
  inputs: ['close'],
  params: [periodParam('period', 14, 'Number of bars in the Wilder averages.')],
  outputs: [{ name: 'rsi', description: 'RSI in [0, 100].' }],
  lookback: (p) => p.period!,
  lookbackFormula: 'period',
  tolerance: 'bit-exact with TA-Lib (same operations in the same order, in both kernels)',
  talib: { name: 'RSI', params: ['period'] },
  notes: [
    'The first average gain and loss are plain means of the first `period` changes; later ones are Wilder-smoothed: (prev * (period - 1) + x) / period.',
    'As in TA-Lib, the RSI is 0 (not 50, not NaN) when average gain + average loss is below 1e-14, for example on a flat series.',
  ],
  warmup: (p) => barsToForget(1 - 1 / p.period!),
  stream: rsiStream,
  loop: rsiLoop,
  serialChain: true,
  simdPanel: true,
});
