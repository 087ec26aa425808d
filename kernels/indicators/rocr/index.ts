import { defineIndicator, periodParam } from '../../src/define.ts';
import { changeStream, rocr } from '../../src/reference/lag.ts';

export default defineIndicator({
  id: 'rocr',
  name: 'Rate of Change Ratio',
  group: 'Momentum Indicators',
  description: 'Ratio to the price `period` bars ago: close / close[-period].',
  inputs: ['close'],
  params: [periodParam('period', 10, 'Bars back to the price compared with.', 1)],
  outputs: [{ name: 'rocr', description: 'Ratio over `period` bars, centred at 1.' }],
  lookback: (p) => p.period!,
  lookbackFormula: 'period',
  tolerance: 'bit-exact with TA-Lib (the same division per bar, two bars per SIMD instruction, in both kernels)',
  talib: { name: 'ROCR', params: ['period'] },
  notes: [
    'As in TA-Lib, the output is 0 (not infinity or NaN) when the price `period` bars ago is exactly 0.',
    'TA-Lib\'s family of the same quantity in other units: MOM = x - x[-p], ROC = ((x / x[-p]) - 1) * 100, ROCP = (x - x[-p]) / x[-p], ROCR = x / x[-p], ROCR100 = (x / x[-p]) * 100.',
  ],
  stream: changeStream(rocr),
  simdPanel: false,
});
