import { defineIndicator, periodParam } from '../../src/define.ts';
import { MA_T3, maStage, maWarmup } from '../../src/reference/ma.ts';
import { t3Stream } from './stream.ts';

export default defineIndicator({
  id: 't3',
  name: 'Triple Exponential Moving Average (T3)',
  group: 'Overlap Studies',
  description: "Tillson's T3: six chained EMAs combined as GD(GD(GD(x))) with GD = EMA * (1 + v) - EMA(EMA) * v.",
  inputs: ['close'],
  params: [
    periodParam('period', 5, 'Period of the six EMAs; k = 2 / (period + 1).'),
    { name: 'vFactor', type: 'real', description: 'Volume factor v, 0 (a triple EMA) to 1.', default: 0.7, min: 0, max: 1 },
  ],
  outputs: [{ name: 't3', description: 'The T3 moving average.' }],
  lookback: (p) => 6 * (p.period! - 1),
  lookbackFormula: '6 * (period - 1)',
  tolerance: 'reference and WebAssembly kernels bit-exact with TA-Lib (its arithmetic step for step)',
  talib: { name: 'T3', params: ['period', 'vFactor'] },
  notes: [
    'As in TA-Lib, each EMA is seeded with the mean of its first `period` inputs (the first EMA over the closes, each next one over the EMA before it), so the first value is at bar 6 * (period - 1).',
    'TA-Lib steps T3\'s EMAs as k * x + (1 - k) * e (not e + k * (x - e) as its EMA does), which rounds differently; reproduced.',
    'The output is c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3 with c1 = -v^3, c2 = 3v^2 + 3v^3, c3 = -6v^2 - 3v - 3v^3, c4 = 1 + 3v + v^3 + 3v^2, in TA-Lib\'s order of operations.',
    'Values depend on all earlier bars: a series that starts later converges to the same values after a warm-up of about six times an EMA\'s.',
  ],
  warmup: (p) => maWarmup(maStage(MA_T3, p.period!, p.vFactor!, false)),
  stream: t3Stream,
  simdPanel: false,
});
