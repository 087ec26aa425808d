import { resumInterval } from '../../src/reference/common.ts';
import { defineIndicator, periodParam, TA_REAL_MAX } from '../../src/define.ts';
import { bbandsStream } from './stream.ts';

export default defineIndicator({
  id: 'bbands',
  name: 'Bollinger Bands',
  group: 'Overlap Studies',
  description: 'SMA middle band with upper and lower bands a number of population standard deviations away.',
  inputs: ['close'],
  params: [
    periodParam('period', 5, 'Number of bars in the mean and the standard deviation.'),
    { name: 'devUp', type: 'real', description: 'Standard deviations above the middle band.', default: 2, min: -TA_REAL_MAX, max: TA_REAL_MAX },
    { name: 'devDown', type: 'real', description: 'Standard deviations below the middle band.', default: 2, min: -TA_REAL_MAX, max: TA_REAL_MAX },
  ],
  outputs: [
    { name: 'upper', description: 'middle + devUp * sd' },
    { name: 'middle', description: 'simple moving average' },
    { name: 'lower', description: 'middle - devDown * sd' },
  ],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance:
    'reference kernel bit-exact with TA-Lib computing each re-sum block; the WebAssembly kernel within 1e-9 relative of that, except in near-flat windows where mean(x^2) - mean^2 is rounding noise and sqrt amplifies it: there any two roundings differ by up to |dev| * sqrt(64 * 2^-52 * mean(x^2)) (TA-Lib itself is noise there). Over a whole series TA-Lib\'s never re-summed sums drift the same way (5e-8 relative seen on the rough test series)',
  talib: { name: 'BBANDS', params: ['period', 'devUp', 'devDown', 0] },
  notes: [
    'The middle band is the simple moving average (TA-Lib MA type 0); other MA types are not offered.',
    'The standard deviation is the population one, computed as sqrt(mean(x^2) - mean^2) like TA-Lib.',
    'As in TA-Lib, a variance below 1e-14 counts as zero, so the bands collapse onto the middle band; this matters for prices around 1e-6 or smaller.',
    'Defaults are TA-Lib\'s (period 5, 2 deviations); Bollinger\'s usual setting is period 20.',
  ],
  resumEvery: (p) => resumInterval(p.period!),
  stream: bbandsStream,
  simdPanel: false,
});
