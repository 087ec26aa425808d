import { defineIndicator, periodParam } from '../../src/define.ts';
import { wilderWarmup } from '../../src/reference/directional.ts';
import { adxrStream } from './stream.ts';

export default defineIndicator({
  id: 'adxr',
  name: 'Average Directional Movement Index Rating',
  group: 'Momentum Indicators',
  description: "Wilder's ADXR: the mean of today's ADX and the ADX period - 1 bars earlier.",
  inputs: ['high', 'low', 'close'],
  params: [periodParam('period', 14, 'Number of bars in the ADX and the distance (period - 1) to the earlier ADX.')],
  outputs: [{ name: 'adxr', description: 'ADXR in [0, 100].' }],
  lookback: (p) => 3 * p.period! - 2,
  lookbackFormula: '3 * period - 2',
  tolerance: 'bit-exact with TA-Lib (the ADX kernels\' exact arithmetic, then (adx + adx[-(period - 1)]) / 2, in both kernels)',
  talib: { name: 'ADXR', params: ['period'] },
  notes: [
    'As in TA-Lib, the earlier ADX is period - 1 bars back (not period), so the first ADXR is at bar (2 * period - 1) + (period - 1) = 3 * period - 2.',
    'The ADX is this library\'s ADX (TA-Lib\'s arithmetic and its zero rules, see ADX).',
  ],
  warmup: (p) => 2 * wilderWarmup(p.period!),
  stream: adxrStream,
  serialChain: true,
  simdPanel: false,
});
