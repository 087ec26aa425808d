import { resumInterval } from '../../src/reference/common.ts';
import { defineIndicator, periodParam } from '../../src/define.ts';
import { mfiStream } from './stream.ts';

export default defineIndicator({
  id: 'mfi',
  name: 'Money Flow Index',
  group: 'Volume Indicators',
  description: 'Volume-weighted RSI: 100 * positive money flow / (positive + negative money flow) over `period` bars.',
  inputs: ['high', 'low', 'close', 'volume'],
  params: [periodParam('period', 14, 'Number of money flows (bar-to-bar changes) summed.')],
  outputs: [{ name: 'mfi', description: 'MFI in [0, 100].' }],
  lookback: (p) => p.period!,
  lookbackFormula: 'period',
  tolerance:
    'reference kernel bit-exact with TA-Lib computing each re-sum block; the WebAssembly kernel forms the money flows two bars at a time and advances the sums by pairwise differences: within 1e-11 relative (of 100)',
  talib: { name: 'MFI', params: ['period'] },
  notes: [
    'Money flow = typical price (high + low + close) / 3 times volume; it is positive when the typical price rose from the previous bar, negative when it fell, and counts in neither sum when it is unchanged.',
    'TA-Lib 0.6 oddity, reproduced: the MFI is 0 whenever positive + negative money flow over the window is below 1.0 (in price x volume units), not only when it is 0. Low-priced instruments or tiny volumes therefore read 0: for example prices of 0.001 with under 70 units of volume per bar over 14 bars. Scale prices or volumes up if that matters to you.',
    'Consequently a window without any money flow (flat typical price) reads 0, not 50.',
    'The sums are recomputed from scratch every max(1024, period) bars so long series do not drift (TA-Lib never re-sums).',
  ],
  resumEvery: (p) => resumInterval(p.period!),
  stream: mfiStream,
  simdPanel: false,
});
