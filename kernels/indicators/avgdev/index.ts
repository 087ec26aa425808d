import { defineIndicator, periodParam } from '../../src/define.ts';
import { avgdevStream } from './stream.ts';

export default defineIndicator({
  id: 'avgdev',
  name: 'Average Deviation',
  group: 'Statistic Functions',
  description: 'Mean absolute deviation of the last `period` closes from their mean.',
  inputs: ['close'],
  params: [periodParam('period', 14, 'Number of bars in the window.')],
  outputs: [{ name: 'avgdev', description: 'mean(|x - mean(x)|) over the window, in price units.' }],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance: 'bit-exact with TA-Lib in both kernels (the same sums in the same order, every bar)',
  talib: { name: 'AVGDEV', params: ['period'] },
  notes: [
    'TA-Lib sums every window afresh (O(period) per bar, no running sums), adding from the newest value back to the oldest; both kernels do the same, so there is no drift and no re-summing, and the WebAssembly kernel computes two bars at once in its two lanes.',
    "TA-Lib lists AVGDEV among its price transforms; it is grouped here with the other statistics.",
  ],
  stream: avgdevStream,
  simdPanel: false,
});
