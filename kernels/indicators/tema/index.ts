import { defineIndicator, periodParam } from '../../src/define.ts';
import { emaChainWarmup } from '../../src/reference/ma.ts';
import { temaStream } from './stream.ts';
import { temaLoop } from './loop.ts';
import { EMA_LOOP_MAX_OUTPUTS } from '../../src/loop.ts';

export default defineIndicator({
  id: 'tema',
  name: 'Triple Exponential Moving Average',
  group: 'Overlap Studies',
  description: "Mulloy's TEMA: 3 * EMA - 3 * EMA(EMA) + EMA(EMA(EMA)), k = 2 / (period + 1).",
  inputs: ['close'],
  params: [periodParam('period', 30, 'Period of the three EMAs; k = 2 / (period + 1).')],
  outputs: [{ name: 'tema', description: 'The triple exponential moving average.' }],
  lookback: (p) => 3 * (p.period! - 1),
  lookbackFormula: '3 * (period - 1)',
  tolerance:
    'reference kernel bit-exact with TA-Lib; the single-series WebAssembly kernel advances each EMA four bars per step (e = a^j e + u_j), which rounds differently: within 1e-12 relative (4e-15 seen on 1e6 bars); the panel kernel repeats the reference operations exactly',
  talib: { name: 'TEMA', params: ['period'] },
  notes: [
    'Each of the three EMAs is seeded like TA-Lib\'s, with the mean of the first `period` values of its own input, so the first output is at bar 3 * (period - 1).',
    'Computed in TA-Lib\'s order, e3 + (3 * e1 - 3 * e2).',
    'Values depend on all earlier bars: a series that starts later converges to the same values after a warm-up of about three times an EMA\'s.',
  ],
  warmup: (p) => emaChainWarmup(3, p.period!),
  stream: temaStream,
  loop: temaLoop,
  loopMaxOutputs: EMA_LOOP_MAX_OUTPUTS,
  simdPanel: true,
});
