import { resumInterval } from '../../src/reference/common.ts';
import { defineIndicator, periodParam, TA_REAL_MAX } from '../../src/define.ts';
import { bbandsResumEvery, bbandsStream } from './stream.ts';
import { MA_MAMA, MA_MAX_PERIOD, maTypeLookback, maTypeParam } from '../../src/reference/ma.ts';

/** Under MAMA (lookback 32) the period's standard deviation must start no later than the middle band. */
const MAMA_MAX_PERIOD = 33;

export default defineIndicator({
  id: 'bbands',
  name: 'Bollinger Bands',
  group: 'Overlap Studies',
  description: 'A moving-average middle band (SMA by default) with upper and lower bands a number of population standard deviations away.',
  inputs: ['close'],
  params: [
    periodParam('period', 5, 'Number of bars in the mean and the standard deviation.', 2, MA_MAX_PERIOD),
    { name: 'devUp', type: 'real', description: 'Standard deviations above the middle band.', default: 2, min: -TA_REAL_MAX, max: TA_REAL_MAX },
    { name: 'devDown', type: 'real', description: 'Standard deviations below the middle band.', default: 2, min: -TA_REAL_MAX, max: TA_REAL_MAX },
    maTypeParam('maType', 0, 'Kind of the middle band.'),
  ],
  outputs: [
    { name: 'upper', description: 'middle + devUp * sd' },
    { name: 'middle', description: 'the moving average (SMA by default)' },
    { name: 'lower', description: 'middle - devDown * sd' },
  ],
  lookback: (p) => maTypeLookback(p.maType!, p.period!),
  lookbackFormula: 'the MA type\'s lookback for period (period - 1 for SMA; see ma)',
  tolerance:
    'under MA types other than the SMA, reference and WebAssembly kernels bit-exact with TA-Lib; with the SMA (the default), reference kernel bit-exact with TA-Lib computing each re-sum block; the WebAssembly kernel within 1e-9 relative of that, except in near-flat windows where mean(x^2) - mean^2 is rounding noise and sqrt amplifies it: there any two roundings differ by up to |dev| * sqrt(64 * 2^-52 * mean(x^2)) (TA-Lib itself is noise there). Over a whole series TA-Lib\'s never re-summed sums drift the same way (5e-8 relative seen on the rough test series)',
  talib: { name: 'BBANDS', params: ['period', 'devUp', 'devDown', 'maType'] },
  paramLimit: (p) => (p.maType === MA_MAMA ? { param: 'period', max: MAMA_MAX_PERIOD, why: 'with maType 7 (MAMA)' } : undefined),
  notes: [
    'The middle band is TA-Lib\'s moving average of type maType (default 0, the SMA; see ma for the types); MA type 7 (MAMA) runs with fastLimit 0.5 and slowLimit 0.05, the period ignored, as in TA-Lib.',
    `With MA type 7 (MAMA) the period stops at ${MAMA_MAX_PERIOD}: MAMA's first value is at bar 32, and for a longer period TA-Lib starts the standard deviation later and pairs the bands with MAMA values of earlier bars (its output shifted), so longer periods are refused with a parameter error.`,
    'The standard deviation is the population one, computed as sqrt(mean(x^2) - mean^2) like TA-Lib; as in TA-Lib, for types other than the SMA that mean is the window\'s plain mean (TA-Lib\'s STDDEV), not the middle band, and its sums are never re-summed.',
    `The period stops at ${MA_MAX_PERIOD}, not TA-Lib's 100000: with the WMA type TA-Lib's 32-bit weight sum overflows above it.`,
    'As in TA-Lib, a variance below 1e-14 counts as zero, so the bands collapse onto the middle band; this matters for prices around 1e-6 or smaller.',
    'Defaults are TA-Lib\'s (period 5, 2 deviations); Bollinger\'s usual setting is period 20.',
  ],
  resumEvery: (p) => bbandsResumEvery(p, resumInterval(p.period!)),
  stream: bbandsStream,
  simdPanel: false,
});
