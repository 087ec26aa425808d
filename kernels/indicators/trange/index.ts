import { defineIndicator } from '../../src/define.ts';
import { trangeStream } from './stream.ts';

export default defineIndicator({
  id: 'trange',
  name: 'True Range',
  group: 'Volatility Indicators',
  description: 'max(high - low, |high - previous close|, |low - previous close|).',
  inputs: ['high', 'low', 'close'],
  params: [],
  outputs: [{ name: 'trange', description: 'The true range, in price units.' }],
  lookback: () => 1,
  lookbackFormula: '1',
  tolerance: 'bit-exact with TA-Lib in both kernels (differences and absolute values only, no rounding choices)',
  talib: { name: 'TRANGE', params: [] },
  notes: [
    'As in TA-Lib, the first bar has no true range (NaN): it has no previous close, and TA-Lib does not fall back to high - low there.',
  ],
  stream: trangeStream,
  simdPanel: false,
});
