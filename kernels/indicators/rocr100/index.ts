import { defineIndicator, periodParam } from '../../src/define.ts';
import { changeStream, rocr100 } from '../../src/reference/lag.ts';

export default defineIndicator({
  id: 'rocr100',
  name: 'Rate of Change Ratio 100 Scale',
  group: 'Momentum Indicators',
  description: 'Ratio to the price `period` bars ago, times 100: (close / close[-period]) * 100.',
  inputs: ['close'],
  params: [periodParam('period', 10, 'Bars back to the price compared with.', 1)],
  outputs: [{ name: 'rocr100', description: 'Ratio over `period` bars, centred at 100.' }],
  lookback: (p) => p.period!,
  lookbackFormula: 'period',
  tolerance: 'bit-exact with TA-Lib (the same division and product per bar, two bars per SIMD instruction, in both kernels)',
  talib: { name: 'ROCR100', params: ['period'] },
  notes: [
    'As in TA-Lib, the output is 0 (not infinity or NaN) when the price `period` bars ago is exactly 0.',
    'TA-Lib\'s family of the same quantity in other units: MOM = x - x[-p], ROC = ((x / x[-p]) - 1) * 100, ROCP = (x - x[-p]) / x[-p], ROCR = x / x[-p], ROCR100 = (x / x[-p]) * 100.',
  ],
  stream: changeStream(rocr100),
  simdPanel: false,
});
