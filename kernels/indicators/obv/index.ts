import { defineIndicator } from '../../src/define.ts';
import { obvStream } from './stream.ts';

export default defineIndicator({
  id: 'obv',
  name: 'On Balance Volume',
  group: 'Volume Indicators',
  description: 'Running total of volume, added on bars that close higher and subtracted on bars that close lower.',
  inputs: ['close', 'volume'],
  params: [],
  outputs: [{ name: 'obv', description: 'The running volume total.' }],
  lookback: () => 0,
  lookbackFormula: '0',
  tolerance:
    'reference kernel bit-exact with TA-Lib; the WebAssembly kernel adds the signed volumes in pairs before the running total, exact for whole-number volumes below 2^53 and within 1e-11 relative of the series\' scale otherwise',
  talib: { name: 'OBV', params: [] },
  notes: [
    'As in TA-Lib, the total starts at the first bar\'s volume (not at 0), and a bar closing unchanged adds nothing.',
    'The level is arbitrary: it depends on where the series starts. Computed on a later start, every value shifts by the same constant; only changes of OBV carry information.',
  ],
  startDependence: 'offset',
  stream: obvStream,
  simdPanel: false,
});
