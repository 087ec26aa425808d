import { defineIndicator, periodParam } from '../../src/define.ts';
import { emaChainWarmup } from '../../src/reference/ma.ts';
import { demaStream } from './stream.ts';
import { demaLoop } from './loop.ts';
import { EMA_LOOP_MAX_OUTPUTS } from '../../src/loop.ts';

export default defineIndicator({
  id: 'dema',
  name: 'Double Exponential Moving Average',
  group: 'Overlap Studies',
  description: "Mulloy's DEMA: 2 * EMA - EMA(EMA), k = 2 / (period + 1), which cuts the EMA's lag.",
  inputs: ['close'],
  params: [periodParam('period', 30, 'Period of both EMAs; k = 2 / (period + 1).')],
  outputs: [{ name: 'dema', description: 'The double exponential moving average.' }],
  lookback: (p) => 2 * (p.period! - 1),
  lookbackFormula: '2 * (period - 1)',
  tolerance:
    'reference kernel bit-exact with TA-Lib; the single-series WebAssembly kernel advances each EMA four bars per step (e = a^j e + u_j), which rounds differently: within 1e-12 relative (2e-15 seen on 1e6 bars); the panel kernel repeats the reference operations exactly',
  talib: { name: 'DEMA', params: ['period'] },
  notes: [
    'Each EMA is seeded like TA-Lib\'s: the first with the mean of the first `period` closes, the second with the mean of the first `period` values of the first EMA, so the first output is at bar 2 * (period - 1).',
    'Values depend on all earlier bars: a series that starts later converges to the same values after a warm-up of about twice an EMA\'s.',
  ],
  warmup: (p) => emaChainWarmup(2, p.period!),
  stream: demaStream,
  loop: demaLoop,
  loopMaxOutputs: EMA_LOOP_MAX_OUTPUTS,
  simdPanel: true,
});
