import { defineIndicator } from '../../src/define.ts';
import { adStream } from './stream.ts';

export default defineIndicator({
  id: 'ad',
  name: 'Chaikin Accumulation/Distribution Line',
  group: 'Volume Indicators',
  description: 'Running total of the close location value ((close - low) - (high - close)) / (high - low) times volume.',
  inputs: ['high', 'low', 'close', 'volume'],
  params: [],
  outputs: [{ name: 'ad', description: 'The accumulation/distribution line.' }],
  lookback: () => 0,
  lookbackFormula: '0',
  tolerance:
    'reference kernel bit-exact with TA-Lib; the WebAssembly kernel forms CLV * volume two bars at a time and adds them in pairs before the running total: within 1e-11 relative of the series\' scale',
  talib: { name: 'AD', params: [] },
  notes: [
    'As in TA-Lib, a bar whose high - low is not positive (including high = low) adds nothing, rather than dividing by zero.',
    'The total starts at 0 at the first bar, so its level depends on where the series starts: on a later start every value shifts by the same constant.',
  ],
  startDependence: 'offset',
  stream: adStream,
  simdPanel: false,
});
