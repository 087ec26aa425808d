import { defineIndicator, periodParam } from '../../src/define.ts';
import { rocStream } from './stream.ts';

export default defineIndicator({
  id: 'roc',
  name: 'Rate of Change',
  group: 'Momentum Indicators',
  description: 'Percent change from `period` bars ago: ((close / close[-period]) - 1) * 100.',
  inputs: ['close'],
  params: [periodParam('period', 10, 'Bars back to the price compared with.', 1)],
  outputs: [{ name: 'roc', description: 'Percent change over `period` bars.' }],
  lookback: (p) => p.period!,
  lookbackFormula: 'period',
  tolerance: 'bit-exact with TA-Lib (the same three operations per bar, two bars per SIMD instruction, in both kernels)',
  talib: { name: 'ROC', params: ['period'] },
  notes: [
    'As in TA-Lib, the output is 0 (not infinity or NaN) when the price `period` bars ago is exactly 0.',
    'TA-Lib\'s ROCP ((x - x[-p]) / x[-p]) and ROCR (x / x[-p]) are the same quantity in other units; this is ROC, in percent.',
  ],
  stream: rocStream,
  simdPanel: false,
});
