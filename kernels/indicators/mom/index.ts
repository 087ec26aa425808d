import { defineIndicator, periodParam } from '../../src/define.ts';
import { momStream } from './stream.ts';

export default defineIndicator({
  id: 'mom',
  name: 'Momentum',
  group: 'Momentum Indicators',
  description: 'Price change over `period` bars: close - close[-period].',
  inputs: ['close'],
  params: [periodParam('period', 10, 'Bars back to the price subtracted.', 1)],
  outputs: [{ name: 'mom', description: 'close - close[-period]' }],
  lookback: (p) => p.period!,
  lookbackFormula: 'period',
  tolerance: 'bit-exact with TA-Lib (one subtraction per bar, two bars per SIMD instruction, in both kernels)',
  talib: { name: 'MOM', params: ['period'] },
  notes: ['In price units, not percent (see ROC for the percent change).'],
  stream: momStream,
  simdPanel: false,
});
