import { defineIndicator, periodParam } from '../../src/define.ts';
import { MA_MAX_PERIOD, maTypeParam, maWarmup, oscillatorStages } from '../../src/reference/ma.ts';
import { apoStream } from './stream.ts';
import { oscillatorNotes } from '../../src/reference/ma-notes.ts';

export default defineIndicator({
  id: 'apo',
  name: 'Absolute Price Oscillator',
  group: 'Momentum Indicators',
  description: 'Fast MA minus slow MA of the closes, both of one TA-Lib MA type.',
  inputs: ['close'],
  params: [
    periodParam('fast', 12, 'Period of the fast MA.', 2, MA_MAX_PERIOD),
    periodParam('slow', 26, 'Period of the slow MA.', 2, MA_MAX_PERIOD),
    maTypeParam('maType', 0, 'Kind of both moving averages.'),
  ],
  outputs: [{ name: 'apo', description: 'fast MA - slow MA' }],
  lookback: (p) => oscillatorStages(p).lookback,
  lookbackFormula: 'the MA type\'s lookback for max(fast, slow) (see ma)',
  tolerance: 'reference and WebAssembly kernels bit-exact with TA-Lib under every MA type (both follow its arithmetic step for step)',
  talib: { name: 'APO', params: ['fast', 'slow', 'maType'] },
  notes: oscillatorNotes('fast MA - slow MA'),
  warmup: (p) => maWarmup(oscillatorStages(p).slow),
  stream: apoStream,
  simdPanel: false,
});
