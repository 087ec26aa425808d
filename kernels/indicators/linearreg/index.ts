import { defineIndicator, periodParam } from '../../src/define.ts';
import { REGRESSION_MAX_PERIOD } from '../../src/reference/regression.ts';
import { linearregStream } from './stream.ts';

export default defineIndicator({
  id: 'linearreg',
  name: 'Linear Regression',
  group: 'Statistic Functions',
  description: 'The end point of the least-squares line through the last `period` closes (its value at the newest bar).',
  inputs: ['close'],
  params: [periodParam('period', 14, 'Number of bars the line is fitted to (at most 1024, see the notes).', 2, REGRESSION_MAX_PERIOD)],
  outputs: [{ name: 'linearreg', description: 'b + m * (period - 1): the fitted value at the newest bar.' }],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance: 'bit-exact with TA-Lib in both kernels (the same sums in the same order, every bar)',
  talib: { name: 'LINEARREG', params: ['period'] },
  notes: [
    'TA-Lib sums the window afresh every bar (O(period) per bar, no running sums), so both kernels do the same, bit for bit: the WebAssembly kernel fits two bars at once in the two lanes.',
    "The line is fitted with x = period - 1 for the oldest bar down to 0 for the newest, as TA-Lib does; the slope still has the usual sign (rising prices give a positive slope) because TA-Lib's divisor sum(x)^2 - period * sum(x^2) is negative.",
    'The period stops at 1024: TA-Lib computes period * (period - 1) * (2 * period - 1) / 6 in 32-bit integers, which overflows above that (undefined behaviour in C; the oracle build returns wrong slopes from period 1291 on).',
  ],
  stream: linearregStream,
  simdPanel: false,
});
