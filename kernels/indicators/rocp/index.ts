import { defineIndicator, periodParam } from '../../src/define.ts';
import { changeStream, rocp } from '../../src/reference/lag.ts';

export default defineIndicator({
  id: 'rocp',
  name: 'Rate of Change Percentage',
  group: 'Momentum Indicators',
  description: 'Fractional change from `period` bars ago: (close - close[-period]) / close[-period].',
  inputs: ['close'],
  params: [periodParam('period', 10, 'Bars back to the price compared with.', 1)],
  outputs: [{ name: 'rocp', description: 'Change over `period` bars as a fraction (0.01 = 1%).' }],
  lookback: (p) => p.period!,
  lookbackFormula: 'period',
  tolerance: 'bit-exact with TA-Lib (the same two operations per bar, two bars per SIMD instruction, in both kernels)',
  talib: { name: 'ROCP', params: ['period'] },
  notes: [
    'As in TA-Lib, the output is 0 (not infinity or NaN) when the price `period` bars ago is exactly 0.',
    'TA-Lib\'s family of the same quantity in other units: MOM = x - x[-p], ROC = ((x / x[-p]) - 1) * 100, ROCP = (x - x[-p]) / x[-p], ROCR = x / x[-p], ROCR100 = (x / x[-p]) * 100.',
  ],
  stream: changeStream(rocp),
  simdPanel: false,
});
