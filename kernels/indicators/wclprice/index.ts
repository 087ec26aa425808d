import { defineIndicator } from '../../src/define.ts';
import { wclpriceStream } from './stream.ts';
import { wclpriceLoop } from './loop.ts';

export default defineIndicator({
  id: 'wclprice',
  name: 'Weighted Close Price',
  group: 'Price Transform',
  description: 'Mean of the high, the low and twice the close of each bar.',
  inputs: ['high', 'low', 'close'],
  params: [],
  outputs: [{ name: 'wclprice', description: '(high + low + close * 2) / 4, in price units.' }],
  lookback: () => 0,
  lookbackFormula: '0',
  tolerance: 'bit-exact with TA-Lib in both kernels (the same additions and division in the same order)',
  talib: { name: 'WCLPRICE', params: [] },
  notes: ['Computed as TA-Lib does, (high + low + close * 2) / 4: another order of the additions can differ in the last bit.'],
  stream: wclpriceStream,
  loop: wclpriceLoop,
  simdPanel: false,
});
