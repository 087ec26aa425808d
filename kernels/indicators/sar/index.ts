import { defineIndicator, TA_REAL_MAX } from '../../src/define.ts';
import { sarStream } from './stream.ts';

export default defineIndicator({
  id: 'sar',
  name: 'Parabolic SAR',
  group: 'Overlap Studies',
  description: "Wilder's parabolic stop and reverse: a trailing stop that accelerates towards the trend's extreme point.",
  inputs: ['high', 'low'],
  params: [
    { name: 'acceleration', type: 'real', description: 'Acceleration factor: the starting step and the increment at each new extreme point.', default: 0.02, min: 0, max: TA_REAL_MAX },
    { name: 'maximum', type: 'real', description: 'Largest acceleration factor.', default: 0.2, min: 0, max: TA_REAL_MAX },
  ],
  outputs: [{ name: 'sar', description: 'The stop level for the bar.' }],
  lookback: () => 1,
  lookbackFormula: '1',
  tolerance: 'bit-exact with TA-Lib (same operations in the same order, in both kernels)',
  talib: { name: 'SAR', params: ['acceleration', 'maximum'] },
  notes: [
    'TA-Lib\'s start, reproduced: bar 0 only provides the first SAR. The trade at bar 1 is short if bar 1 has a -DM (previous low - low positive and larger than high - previous high), long otherwise (a tie is long); the first SAR is bar 0\'s low when long, its high when short, and the first extreme point is bar 1\'s high (long) or low (short).',
    'Each output is the SAR in force during that bar. A bar whose low (long) or high (short) touches or crosses it reverses the trade: the output is then the previous extreme point, kept beyond yesterday\'s and today\'s range, and the acceleration restarts.',
    'Between reversals the SAR moves by af * (extreme - SAR) per bar and never enters yesterday\'s or today\'s range; af grows by `acceleration` at each new extreme, up to `maximum`.',
    'As in TA-Lib, an acceleration above the maximum is lowered to the maximum (for the start and for every reversal).',
    'The path depends on where the series starts (the assumed first direction); a later start follows the same path once both runs agree on a reversal.',
  ],
  startDependence: 'path',
  stream: sarStream,
  simdPanel: false,
});
