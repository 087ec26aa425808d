import { defineIndicator, periodParam } from '../../src/define.ts';
import { dmLookback, dmStream, wilderWarmup } from '../../src/reference/directional.ts';

export default defineIndicator({
  id: 'minus_dm',
  name: 'Minus Directional Movement',
  group: 'Momentum Indicators',
  description: "Wilder's -DM: the Wilder sum of the bars' down moves that count as -DM.",
  inputs: ['high', 'low'],
  params: [periodParam('period', 14, 'Number of bars in the Wilder sum (1: the raw one-bar movement).', 1)],
  outputs: [{ name: 'minus_dm', description: '-DM in price units (a sum over about `period` bars, not an average).' }],
  lookback: (p) => dmLookback(p.period!),
  lookbackFormula: 'period - 1 (1 when period is 1)',
  tolerance: 'bit-exact with TA-Lib (same operations in the same order, in both kernels)',
  talib: { name: 'MINUS_DM', params: ['period'] },
  notes: [
    '-DM counts a bar\'s down move (previous low - low) when it is positive and strictly larger than the up move (high - previous high); on a tie it does not count (TA-Lib\'s rules).',
    'As in TA-Lib, the first value (bar period - 1) is the plain sum of the first period - 1 bar-to-bar moves, one bar earlier than MINUS_DI starts; then s = s - s / period + move (the move only when it counts). The result is a Wilder sum, not an average: about `period` times the average movement.',
    'Period 1 is TA-Lib\'s unsmoothed branch: each bar\'s own -DM (0 when it does not count), from bar 1.',
  ],
  warmup: (p) => wilderWarmup(p.period!),
  stream: dmStream(-1),
  serialChain: true,
  simdPanel: false,
});
