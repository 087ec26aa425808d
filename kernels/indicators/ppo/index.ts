import { defineIndicator, periodParam } from '../../src/define.ts';
import { MA_MAX_PERIOD, maTypeParam, maWarmup, oscillatorStages } from '../../src/reference/ma.ts';
import { ppoStream } from './stream.ts';
import { oscillatorNotes } from '../../src/reference/ma-notes.ts';

export default defineIndicator({
  id: 'ppo',
  name: 'Percentage Price Oscillator',
  group: 'Momentum Indicators',
  description: 'The fast MA\'s distance from the slow MA in percent of the slow MA, both of one TA-Lib MA type.',
  inputs: ['close'],
  params: [
    periodParam('fast', 12, 'Period of the fast MA.', 2, MA_MAX_PERIOD),
    periodParam('slow', 26, 'Period of the slow MA.', 2, MA_MAX_PERIOD),
    maTypeParam('maType', 0, 'Kind of both moving averages.'),
  ],
  outputs: [{ name: 'ppo', description: '100 * (fast MA - slow MA) / slow MA; 0 where the slow MA is zero' }],
  lookback: (p) => oscillatorStages(p).lookback,
  lookbackFormula: 'the MA type\'s lookback for max(fast, slow) (see ma)',
  tolerance: 'reference and WebAssembly kernels bit-exact with TA-Lib under every MA type (both follow its arithmetic step for step)',
  talib: { name: 'PPO', params: ['fast', 'slow', 'maType'] },
  notes: oscillatorNotes('100 * (fast MA - slow MA) / slow MA, and 0 (not infinity) where the slow MA is within 1e-14 of zero, as TA-Lib'),
  warmup: (p) => maWarmup(oscillatorStages(p).slow),
  stream: ppoStream,
  simdPanel: false,
});
