import { defineIndicator, periodParam, streamKernel } from '../../src/define.ts';
import { aroonInit, aroonPush, aroonRelations, aroonSpec, type AroonState } from '../../src/reference/aroon.ts';

/** TA-Lib AROON: (100 / period) * (period - bars since the extreme), over the last period + 1 bars. */
const aroonStream = streamKernel<AroonState>({
  init: (p) => aroonInit(p.period!),
  spec: (p) => aroonSpec(p.period!),
  relations: aroonRelations,
  update(s, bar, out, p) {
    if (!aroonPush(s, bar[0]!, bar[1]!)) {
      out[0] = out[1] = NaN;
      return;
    }
    const period = p.period!;
    const factor = 100.0 / period;
    const today = s.bars - 1;
    out[0] = factor * (period - (today - s.loIdx));
    out[1] = factor * (period - (today - s.hiIdx));
  },
});

export default defineIndicator({
  id: 'aroon',
  name: 'Aroon',
  group: 'Momentum Indicators',
  description: "Chande's Aroon: how recently the window's lowest low (down) and highest high (up) occurred, 100 for the current bar down to 0 for the oldest.",
  inputs: ['high', 'low'],
  params: [periodParam('period', 14, 'Bars back to the oldest bar of the window (which holds period + 1 bars).')],
  outputs: [
    { name: 'aroonDown', description: '(100 / period) * (period - bars since the lowest low), in [0, 100].' },
    { name: 'aroonUp', description: '(100 / period) * (period - bars since the highest high), in [0, 100].' },
  ],
  lookback: (p) => p.period!,
  lookbackFormula: 'period',
  tolerance: 'bit-exact with TA-Lib in both kernels (exact extremes and bar counts, then the same product)',
  talib: { name: 'AROON', params: ['period'] },
  notes: [
    'As in TA-Lib, the window holds period + 1 bars (the current bar and `period` before it), so the outputs take the values 100 * k / period for k = 0 .. period.',
    'A tie goes to the most recent bar: a high equal to the window\'s highest counts as the new highest (also when TA-Lib rescans the window), so a flat stretch reads 100.',
    'Computed in TA-Lib\'s form (100 / period) * (period - age), which can differ in the last bit from 100 * (period - age) / period.',
    'The stream tracks the extremes as TA-Lib does (rescanning the window only when the extreme leaves it): linear on price data, O(period) per bar on a series that falls (or, for the low, rises) every bar. The WebAssembly kernel takes each window\'s latest extreme by blocks (van Herk / Gil-Werman: O(1) per bar, no branch on the data) for windows up to 4,096 bars, else tracks as TA-Lib does.',
  ],
  stream: aroonStream,
  simdPanel: false,
});
