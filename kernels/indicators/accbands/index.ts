import { defineIndicator, periodParam } from '../../src/define.ts';
import { resumInterval } from '../../src/reference/common.ts';
import { accbandsStream } from './stream.ts';

export default defineIndicator({
  id: 'accbands',
  name: 'Acceleration Bands',
  group: 'Overlap Studies',
  description: "Headley's acceleration bands: SMAs of high * (1 + 4 (high - low) / (high + low)), of the close, and of low * (1 - 4 (high - low) / (high + low)).",
  inputs: ['high', 'low', 'close'],
  params: [periodParam('period', 20, 'Number of bars in the three simple moving averages.')],
  outputs: [
    { name: 'upper', description: 'SMA of high * (1 + 4 (high - low) / (high + low)).' },
    { name: 'middle', description: 'SMA of the close.' },
    { name: 'lower', description: 'SMA of low * (1 - 4 (high - low) / (high + low)).' },
  ],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance:
    'reference kernel bit-exact with TA-Lib computing each re-sum block (TA-Lib never re-sums); the WebAssembly kernel repeats the reference\'s operations: bit-exact with it',
  talib: { name: 'ACCBANDS', params: ['period'] },
  notes: [
    'As TA-Lib 0.6 defines it: simple moving averages (TA-Lib has no MA type for this function), the width term computed as (4 * (high - low)) / (high + low).',
    'As in TA-Lib, a bar whose high + low is within 1e-14 of 0 contributes its plain high and low to the outer bands.',
    'The running sums are recomputed from scratch every max(1024, period) outputs, as SMA\'s are, so long series do not drift.',
  ],
  resumEvery: (p) => resumInterval(p.period!),
  stream: accbandsStream,
  simdPanel: false,
});
