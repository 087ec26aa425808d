import { barsToForget, emaK } from '../../src/reference/common.ts';
import { defineIndicator, periodParam } from '../../src/define.ts';
import { emaStream } from './stream.ts';

export default defineIndicator({
  id: 'ema',
  name: 'Exponential Moving Average',
  group: 'Overlap Studies',
  description: 'Exponentially weighted mean with k = 2 / (period + 1), seeded with the SMA of the first period.',
  inputs: ['close'],
  params: [periodParam('period', 30, 'Number of bars; k = 2 / (period + 1).')],
  outputs: [{ name: 'ema', description: 'The moving average.' }],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance:
    'reference kernel bit-exact with TA-Lib; the single-series WebAssembly kernel advances four bars per step (e = a^j e + u_j), which rounds differently: within 1e-12 relative',
  talib: { name: 'EMA', params: ['period'] },
  notes: [
    'Seeded with the simple mean of the first `period` closes (TA-Lib default compatibility, not Metastock).',
    'Values depend on all earlier bars: a series that starts later converges to the same values after a warm-up of several periods.',
  ],
  warmup: (p) => barsToForget(1 - emaK(p.period!)),
  stream: emaStream,
  simdPanel: true,
});
