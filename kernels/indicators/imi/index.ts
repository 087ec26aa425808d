import { defineIndicator, periodParam } from '../../src/define.ts';
import { imiStream } from './stream.ts';

export default defineIndicator({
  id: 'imi',
  name: 'Intraday Momentum Index',
  group: 'Momentum Indicators',
  description: "Chande's intraday momentum index: an RSI of the bars' open-to-close moves, 100 * up / (up + down) over the last `period` bars.",
  inputs: ['open', 'close'],
  params: [periodParam('period', 14, 'Number of bars summed.')],
  outputs: [{ name: 'imi', description: 'In [0, 100]; NaN where no bar of the window moved from open to close.' }],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance: 'bit-exact with TA-Lib in both kernels (each window summed afresh, oldest first, as TA-Lib does)',
  talib: { name: 'IMI', params: ['period'] },
  notes: [
    'As TA-Lib 0.6 defines it: up sums close - open over the window\'s bars that closed above their open, down sums open - close over the others (plain sums over `period` bars, no smoothing).',
    'TA-Lib has no guard for an empty denominator: where every bar of the window has open == close the output is NaN (0 / 0), reproduced; NaN can therefore appear after the lookback.',
    'Each window is summed afresh, as TA-Lib does: O(period) work per bar, exact, with no running-sum drift.',
  ],
  stream: imiStream,
  simdPanel: false,
});
