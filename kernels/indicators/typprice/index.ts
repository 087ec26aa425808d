import { defineIndicator } from '../../src/define.ts';
import { typpriceStream } from './stream.ts';
import { typpriceLoop } from './loop.ts';

export default defineIndicator({
  id: 'typprice',
  name: 'Typical Price',
  group: 'Price Transform',
  description: 'Mean of the high, low and close of each bar.',
  inputs: ['high', 'low', 'close'],
  params: [],
  outputs: [{ name: 'typprice', description: '(high + low + close) / 3, in price units.' }],
  lookback: () => 0,
  lookbackFormula: '0',
  tolerance: 'bit-exact with TA-Lib in both kernels (the same additions and division in the same order)',
  talib: { name: 'TYPPRICE', params: [] },
  notes: ['Computed as TA-Lib does, (high + low + close) / 3: another order of the additions can differ in the last bit.'],
  stream: typpriceStream,
  loop: typpriceLoop,
  simdPanel: false,
});
