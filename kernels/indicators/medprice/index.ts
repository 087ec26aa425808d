import { defineIndicator } from '../../src/define.ts';
import { medpriceStream } from './stream.ts';
import { medpriceLoop } from './loop.ts';

export default defineIndicator({
  id: 'medprice',
  name: 'Median Price',
  group: 'Price Transform',
  description: 'Midpoint of the high and low of each bar.',
  inputs: ['high', 'low'],
  params: [],
  outputs: [{ name: 'medprice', description: '(high + low) / 2, in price units.' }],
  lookback: () => 0,
  lookbackFormula: '0',
  tolerance: 'bit-exact with TA-Lib in both kernels (the same additions and division in the same order)',
  talib: { name: 'MEDPRICE', params: [] },
  notes: ['Computed as TA-Lib does, (high + low) / 2: another order of the additions can differ in the last bit.'],
  stream: medpriceStream,
  loop: medpriceLoop,
  simdPanel: false,
});
