import { defineIndicator } from '../../src/define.ts';
import { bopStream } from './stream.ts';
import { bopLoop } from './loop.ts';

export default defineIndicator({
  id: 'bop',
  name: 'Balance Of Power',
  group: 'Momentum Indicators',
  description: "Where the bar closed relative to where it opened, per unit of its range: (close - open) / (high - low).",
  inputs: ['open', 'high', 'low', 'close'],
  params: [],
  outputs: [{ name: 'bop', description: 'In [-1, 1] when the open and close lie within the bar\'s range.' }],
  lookback: () => 0,
  lookbackFormula: '0',
  tolerance: 'bit-exact with TA-Lib in both kernels (one subtraction and one division per bar)',
  talib: { name: 'BOP', params: [] },
  notes: [
    'As in TA-Lib, a bar whose high - low is below 1e-14 (a flat bar, or a high below its low) gives 0, not NaN or infinity.',
    'Bar by bar, with no smoothing and no state: TA-Lib\'s BOP is the raw ratio (some platforms smooth it with an SMA).',
  ],
  stream: bopStream,
  loop: bopLoop,
  simdPanel: false,
});
