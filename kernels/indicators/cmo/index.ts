import { barsToForget } from '../../src/reference/common.ts';
import { defineIndicator, periodParam, streamKernel } from '../../src/define.ts';
import { cmoStep, rsiInit, rsiRelations, rsiSpec, type RsiState } from '../../src/reference/rsi.ts';

/** TA-Lib CMO: RSI's Wilder averages of gains and losses, 100 * (gain - loss) / (gain + loss). */
const cmoStream = streamKernel<RsiState>({
  init: rsiInit,
  spec: rsiSpec,
  relations: rsiRelations,
  update(s, bar, out, p) {
    out[0] = cmoStep(s, bar[0]!, p.period!);
  },
});

export default defineIndicator({
  id: 'cmo',
  name: 'Chande Momentum Oscillator',
  group: 'Momentum Indicators',
  description: "Chande's momentum oscillator as TA-Lib computes it: 100 * (avgGain - avgLoss) / (avgGain + avgLoss), with RSI's Wilder averages.",
  inputs: ['close'],
  params: [periodParam('period', 14, 'Number of bars in the Wilder averages.')],
  outputs: [{ name: 'cmo', description: 'CMO in [-100, 100].' }],
  lookback: (p) => p.period!,
  lookbackFormula: 'period',
  tolerance: 'bit-exact with TA-Lib (same operations in the same order, in both kernels)',
  talib: { name: 'CMO', params: ['period'] },
  notes: [
    'TA-Lib smooths like its RSI, not with Chande\'s plain sums over the window: the first average gain and loss are plain means of the first `period` changes, later ones (prev * (period - 1) + x) / period. Values therefore depend on all earlier bars (see the warm-up).',
    'As in TA-Lib, the CMO is 0 (not NaN) when average gain + average loss is below 1e-14, for example on a flat series.',
    'The period starts at 2, TA-Lib\'s range (its period 1 branch, which copies the input, is unreachable through its API).',
  ],
  warmup: (p) => barsToForget(1 - 1 / p.period!),
  stream: cmoStream,
  serialChain: true,
  simdPanel: false,
});
