import { defineIndicator, TA_REAL_MAX } from '../../src/define.ts';
import type { ParamDefinition } from '../../src/types.ts';
import { sarextStream } from './stream.ts';

const factor = (name: string, value: number, description: string): ParamDefinition => ({ name, type: 'real', description, default: value, min: 0, max: TA_REAL_MAX });

export default defineIndicator({
  id: 'sarext',
  name: 'Parabolic SAR - Extended',
  group: 'Overlap Studies',
  description: "TA-Lib's extended parabolic SAR: separate accelerations for long and short trades, a forced start, an offset at reversals, and the SAR negated while short.",
  inputs: ['high', 'low'],
  params: [
    { name: 'startValue', type: 'real', description: 'Start: 0 for SAR\'s rule; > 0 long with this SAR; < 0 short with SAR -startValue.', default: 0, min: -TA_REAL_MAX, max: TA_REAL_MAX },
    factor('offsetOnReverse', 0, 'At a reversal the new SAR is moved away from the price by this fraction of itself.'),
    factor('accelerationInitLong', 0.02, 'Acceleration factor at the start of a long trade.'),
    factor('accelerationLong', 0.02, 'Increment of the long acceleration factor at each new high.'),
    factor('accelerationMaxLong', 0.2, 'Largest long acceleration factor.'),
    factor('accelerationInitShort', 0.02, 'Acceleration factor at the start of a short trade.'),
    factor('accelerationShort', 0.02, 'Increment of the short acceleration factor at each new low.'),
    factor('accelerationMaxShort', 0.2, 'Largest short acceleration factor.'),
  ],
  outputs: [{ name: 'sarext', description: 'The stop level for the bar: positive while long, negated while short.' }],
  lookback: () => 1,
  lookbackFormula: '1',
  tolerance: 'bit-exact with TA-Lib (same operations in the same order, in both kernels)',
  talib: {
    name: 'SAREXT',
    params: ['startValue', 'offsetOnReverse', 'accelerationInitLong', 'accelerationLong', 'accelerationMaxLong', 'accelerationInitShort', 'accelerationShort', 'accelerationMaxShort'],
  },
  notes: [
    'TA-Lib\'s sign convention: the output is the SAR while long and -SAR while short (a reversal bar shows the new direction\'s sign), so the sign tells the position; |output| is the stop level.',
    'With startValue 0 the start is SAR\'s (bar 0 only provides the first SAR; short at bar 1 if it has a -DM, long otherwise, a tie long). With startValue > 0 the first trade is long with that SAR, with startValue < 0 short with SAR -startValue; the first extreme point is bar 1\'s high (long) or low (short) either way.',
    'At a reversal the SAR is the previous extreme point kept beyond yesterday\'s and today\'s range, then moved by offsetOnReverse: SAR * (1 + offset) into a short trade, SAR * (1 - offset) into a long one (TA-Lib\'s sar += sar * offset, sar -= sar * offset).',
    'Long and short trades keep their own acceleration factors: each starts at its initial value, grows by its step at each new extreme, and is capped at its maximum. As in TA-Lib, an initial value or a step above its maximum is lowered to the maximum.',
    'The path depends on where the series starts; a later start follows the same path once both runs agree on a reversal.',
  ],
  startDependence: 'path',
  stream: sarextStream,
  simdPanel: false,
});
