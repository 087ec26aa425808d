import { defineIndicator, periodParam } from '../../src/define.ts';
import { trimaStream } from './stream.ts';

/** Largest period for which TA-Lib's int weight sum ((p >> 1) + 1)^2 or (p >> 1) * ((p >> 1) + 1) fits 32 bits. */
export const TRIMA_MAX_PERIOD = 92_680;

export default defineIndicator({
  id: 'trima',
  name: 'Triangular Moving Average',
  group: 'Overlap Studies',
  description: 'Weighted mean of the last `period` closes with triangular weights 1, 2, ..., peak, ..., 2, 1 (an SMA of an SMA).',
  inputs: ['close'],
  params: [periodParam('period', 30, 'Number of bars averaged.', 2, TRIMA_MAX_PERIOD)],
  outputs: [{ name: 'trima', description: 'The triangular moving average.' }],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance: 'reference and WebAssembly kernels bit-exact with TA-Lib (its running numerator step for step)',
  talib: { name: 'TRIMA', params: ['period'] },
  notes: [
    'Odd period 2n + 1: weights 1..n+1..1, divided by (n + 1)^2; even period 2n: weights 1..n,n..1, divided by n * (n + 1) (SMA(SMA(x, n), n + 1)), as TA-Lib and Metastock (not TradeStation\'s variant).',
    'Computed like TA-Lib with a running numerator and two running partial sums, adjusted per bar (odd and even periods in TA-Lib\'s two orders) and never re-summed, so long series drift as TA-Lib\'s do.',
    `The period stops at ${TRIMA_MAX_PERIOD}, not TA-Lib's 100000: TA-Lib computes the weight sum in a 32-bit int, which overflows above it.`,
  ],
  stream: trimaStream,
  simdPanel: false,
});
