import { defineIndicator, periodParam } from '../../src/define.ts';
import { MA_MAX_PERIOD, maStage, maTypeLookback, maTypeParam, maWarmup } from '../../src/reference/ma.ts';
import { maStream } from './stream.ts';

export default defineIndicator({
  id: 'ma',
  name: 'Moving Average',
  group: 'Overlap Studies',
  description: 'TA-Lib\'s moving average of a chosen type (SMA, EMA, WMA, DEMA, TEMA, TRIMA, KAMA, MAMA, T3) over the closes.',
  inputs: ['close'],
  params: [
    periodParam('period', 30, 'Number of bars (ignored by MAMA; 1 returns the input).', 1, MA_MAX_PERIOD),
    maTypeParam('maType', 0, 'Kind of moving average.'),
  ],
  outputs: [{ name: 'ma', description: 'The moving average.' }],
  lookback: (p) => maTypeLookback(p.maType!, p.period!),
  lookbackFormula: '0 for period 1; else period - 1 (SMA, EMA, WMA, TRIMA), 2 * (period - 1) (DEMA), 3 * (period - 1) (TEMA), period (KAMA), 32 (MAMA), 6 * (period - 1) (T3)',
  tolerance: 'reference and WebAssembly kernels bit-exact with TA-Lib under every type (each follows TA-Lib\'s arithmetic step for step)',
  talib: { name: 'MA', params: ['period', 'maType'] },
  notes: [
    'Each type is TA-Lib\'s own function (see sma, ema, wma, dema, tema, trima, kama, t3): EMA-based types are seeded with the SMA of their first `period` inputs, T3 uses volume factor 0.7.',
    'Period 1 returns a copy of the input for every type, as TA-Lib\'s TA_MA does.',
    'MA type 7 (MAMA) is TA-Lib\'s with fastLimit 0.5 and slowLimit 0.05, the period ignored; its values depend on libm trigonometry (see mama).',
    'Unlike the sma and wma indicators, the running sums are never re-summed, exactly as TA-Lib: over very long series they drift as TA-Lib\'s do.',
    `The period stops at ${MA_MAX_PERIOD}: TA-Lib's WMA overflows its 32-bit divider above it.`,
  ],
  warmup: (p) => maWarmup(maStage(p.maType!, p.period!)),
  stream: maStream,
  simdPanel: false,
});
