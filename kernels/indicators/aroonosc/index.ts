import { defineIndicator, periodParam, streamKernel } from '../../src/define.ts';
import { aroonInit, aroonPush, aroonRelations, aroonSpec, type AroonState } from '../../src/reference/aroon.ts';

/** TA-Lib AROONOSC: (100 / period) * (bar of the highest high - bar of the lowest low). */
const aroonOscStream = streamKernel<AroonState>({
  init: (p) => aroonInit(p.period!),
  spec: (p) => aroonSpec(p.period!),
  relations: aroonRelations,
  update(s, bar, out, p) {
    out[0] = aroonPush(s, bar[0]!, bar[1]!) ? (100.0 / p.period!) * (s.hiIdx - s.loIdx) : NaN;
  },
});

export default defineIndicator({
  id: 'aroonosc',
  name: 'Aroon Oscillator',
  group: 'Momentum Indicators',
  description: 'Aroon up minus Aroon down: positive when the highest high of the window is more recent than its lowest low.',
  inputs: ['high', 'low'],
  params: [periodParam('period', 14, 'Bars back to the oldest bar of the window (which holds period + 1 bars).')],
  outputs: [{ name: 'aroonosc', description: 'In [-100, 100].' }],
  lookback: (p) => p.period!,
  lookbackFormula: 'period',
  tolerance: 'bit-exact with TA-Lib in both kernels (exact extremes and bar numbers, then the same product)',
  talib: { name: 'AROONOSC', params: ['period'] },
  notes: [
    'Computed as TA-Lib does, (100 / period) * (bar of the highest high - bar of the lowest low), not as the difference of the two Aroon lines (equal up to the last bit).',
    'The window and tie rules are AROON\'s: period + 1 bars, a tie going to the most recent bar.',
  ],
  stream: aroonOscStream,
  simdPanel: false,
});
