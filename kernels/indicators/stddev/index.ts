import { resumInterval } from '../../src/reference/common.ts';
import { defineIndicator, periodParam, TA_REAL_MAX } from '../../src/define.ts';
import { stddevStream } from './stream.ts';

export default defineIndicator({
  id: 'stddev',
  name: 'Standard Deviation',
  group: 'Statistic Functions',
  description: 'Population standard deviation of the last `period` closes, times a multiplier.',
  inputs: ['close'],
  params: [
    periodParam('period', 5, 'Number of bars in the window.'),
    { name: 'nbDev', type: 'real', description: 'Multiplier applied to the standard deviation.', default: 1, min: -TA_REAL_MAX, max: TA_REAL_MAX },
  ],
  outputs: [{ name: 'stddev', description: 'nbDev * population standard deviation.' }],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance:
    'reference kernel bit-exact with TA-Lib computing each re-sum block; the WebAssembly kernel within 1e-9 relative of that, except in near-flat windows where mean(x^2) - mean^2 is rounding noise and sqrt amplifies it: there any two roundings differ by up to |nbDev| * sqrt(64 * 2^-52 * mean(x^2)) (TA-Lib itself is noise there)',
  talib: { name: 'STDDEV', params: ['period', 'nbDev'] },
  notes: [
    'Population deviation (divides by period, not period - 1), computed like TA-Lib as sqrt(mean(x^2) - mean^2) from running sums, which are recomputed from scratch every max(1024, period) bars so long series do not drift.',
    'As in TA-Lib, a variance below 1e-14 counts as zero (also when rounding makes it negative), so the output is exactly 0 there: for prices around 1e-7 or smaller every window has such a variance and the output is always 0; rescale such series first.',
    'The multiplier may be negative, which flips the sign of the output; TA-Lib skips the multiplication when it is 1, which gives the same value.',
  ],
  resumEvery: (p) => resumInterval(p.period!),
  stream: stddevStream,
  simdPanel: false,
});
