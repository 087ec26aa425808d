import { defineIndicator, periodParam } from '../../src/define.ts';
import { wmaResumInterval, wmaStream } from './stream.ts';

/** Largest period for which TA-Lib's int divider period * (period + 1) does not overflow 32 bits. */
export const WMA_MAX_PERIOD = 46_340;

export default defineIndicator({
  id: 'wma',
  name: 'Weighted Moving Average',
  group: 'Overlap Studies',
  description: 'Linearly weighted mean of the last `period` closes: the newest weighs period, the oldest 1.',
  inputs: ['close'],
  params: [periodParam('period', 30, 'Number of bars averaged.', 2, WMA_MAX_PERIOD)],
  outputs: [{ name: 'wma', description: 'The weighted moving average.' }],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance:
    'reference kernel bit-exact with TA-Lib computing each re-sum block (TA-Lib never re-sums); the WebAssembly kernel advances its two running sums four bars per step, which rounds differently: within 1e-11 relative (1e-12 seen)',
  talib: { name: 'WMA', params: ['period'] },
  notes: [
    'Computed like TA-Lib with two running sums (plain and weighted), O(1) per bar; both are recomputed from scratch every max(256, period) bars so long series do not drift (TA-Lib never re-sums: on a 1e6-bar random walk whose level wanders over orders of magnitude its WMA is off by many orders of magnitude late in the series, where ours stays within 1e-12 relative of exact weighted sums, tested).',
    `The period stops at ${WMA_MAX_PERIOD}, not TA-Lib's 100000: TA-Lib 0.6 computes the divider period * (period + 1) / 2 in a 32-bit int, which overflows above ${WMA_MAX_PERIOD} and makes its values wrong (negative at 46341, ~7x too large at 100000).`,
  ],
  resumEvery: (p) => wmaResumInterval(p.period!),
  stream: wmaStream,
  simdPanel: false,
});
