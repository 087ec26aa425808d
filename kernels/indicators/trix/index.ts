import { defineIndicator, periodParam } from '../../src/define.ts';
import { emaChainWarmup } from '../../src/reference/ma.ts';
import { trixStream } from './stream.ts';
import { trixLoop } from './loop.ts';
import { EMA_LOOP_MAX_OUTPUTS } from '../../src/loop.ts';

export default defineIndicator({
  id: 'trix',
  name: 'Triple Exponential Average (TRIX)',
  group: 'Momentum Indicators',
  description: 'One-bar rate of change, in percent, of a triple-smoothed EMA: 100 * (e3 / e3[-1] - 1).',
  inputs: ['close'],
  params: [periodParam('period', 30, 'Period of the three EMAs; k = 2 / (period + 1).')],
  outputs: [{ name: 'trix', description: 'Percent change of the triple EMA from the previous bar.' }],
  lookback: (p) => 3 * (p.period! - 1) + 1,
  lookbackFormula: '3 * (period - 1) + 1',
  tolerance:
    'reference kernel bit-exact with TA-Lib; the single-series WebAssembly kernel advances each EMA four bars per step, which rounds the triple EMA differently by a few eps, and the ratio turns that into an absolute difference: within 1e-12 relative of the scale of the values plus 1.4e-12 percentage points (9e-14 seen on 1e6 bars); the panel kernel repeats the reference operations exactly',
  talib: { name: 'TRIX', params: ['period'] },
  notes: [
    'The three EMAs are seeded like TA-Lib\'s, each with the mean of the first `period` values of its own input; the rate of change needs one more bar, so the first output is at bar 3 * (period - 1) + 1.',
    'TA-Lib\'s ROC form: ((e3 / e3[-1]) - 1) * 100, and 0 (not NaN or infinity) when the previous triple EMA is exactly 0.',
    'The period starts at 2: TA-Lib 0.6 accepts 1, but its EMA lookback is -1 for it, and TRIX(1) returns garbage or crashes the process.',
    'Values depend on all earlier bars: a series that starts later converges to the same values after a warm-up of about three times an EMA\'s.',
  ],
  warmup: (p) => emaChainWarmup(3, p.period!),
  stream: trixStream,
  loop: trixLoop,
  loopMaxOutputs: EMA_LOOP_MAX_OUTPUTS,
  simdPanel: true,
});
