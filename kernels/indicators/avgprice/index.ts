import { defineIndicator } from '../../src/define.ts';
import { avgpriceStream } from './stream.ts';
import { avgpriceLoop } from './loop.ts';

export default defineIndicator({
  id: 'avgprice',
  name: 'Average Price',
  group: 'Price Transform',
  description: 'Mean of the open, high, low and close of each bar.',
  inputs: ['open', 'high', 'low', 'close'],
  params: [],
  outputs: [{ name: 'avgprice', description: '(high + low + close + open) / 4, in price units.' }],
  lookback: () => 0,
  lookbackFormula: '0',
  tolerance: 'bit-exact with TA-Lib in both kernels (the same additions and division in the same order)',
  talib: { name: 'AVGPRICE', params: [] },
  notes: ['Computed as TA-Lib does, (high + low + close + open) / 4: another order of the additions can differ in the last bit.'],
  stream: avgpriceStream,
  loop: avgpriceLoop,
  simdPanel: false,
});
