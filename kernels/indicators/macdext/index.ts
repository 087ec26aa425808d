import { defineIndicator, periodParam } from '../../src/define.ts';
import { MA_MAX_PERIOD, macdExtStages, maTypeParam, maWarmup } from '../../src/reference/ma.ts';
import { macdextStream } from './stream.ts';

export default defineIndicator({
  id: 'macdext',
  name: 'MACD with controllable MA types',
  group: 'Momentum Indicators',
  description: 'MACD with a TA-Lib MA type for each of the fast, slow and signal lines: fast MA - slow MA, its signal MA, and their difference.',
  inputs: ['close'],
  params: [
    periodParam('fast', 12, 'Period of the fast MA.', 2, MA_MAX_PERIOD),
    maTypeParam('fastMaType', 0, 'Kind of the fast MA.'),
    periodParam('slow', 26, 'Period of the slow MA.', 2, MA_MAX_PERIOD),
    maTypeParam('slowMaType', 0, 'Kind of the slow MA.'),
    periodParam('signal', 9, 'Period of the signal MA (1: the MACD line itself).', 1, MA_MAX_PERIOD),
    maTypeParam('signalMaType', 0, 'Kind of the signal MA.'),
  ],
  outputs: [
    { name: 'macd', description: 'fast MA - slow MA' },
    { name: 'signal', description: 'the signal MA of the MACD line' },
    { name: 'histogram', description: 'macd - signal' },
  ],
  lookback: (p) => macdExtStages(p).lookback,
  lookbackFormula: 'max(lookback of the fast MA, lookback of the slow MA) + lookback of the signal MA (each per its type, see ma)',
  tolerance: 'reference and WebAssembly kernels bit-exact with TA-Lib under every combination of MA types (both follow its arithmetic step for step)',
  talib: { name: 'MACDEXT', params: ['fast', 'fastMaType', 'slow', 'slowMaType', 'signal', 'signalMaType'] },
  notes: [
    'TA-Lib\'s defaults are three simple moving averages (type 0), so the default MACDEXT is not the EMA-based MACD; with all three types 1 (EMA) it matches TA-Lib\'s MACDEXT with EMAs, whose fast EMA starts at the slow one\'s first bar as in macd.',
    'As in TA-Lib, if `slow` is smaller than `fast` the two periods are swapped together with their MA types.',
    'Both MAs start so that they reach their first value on the same bar, the larger of their two lookbacks (TA-Lib computes both from there); the signal MA starts with the first MACD value.',
    'A signal period of 1 gives the MACD line itself as signal (TA-Lib\'s MA returns a copy for period 1) and a zero histogram.',
    'MA type 7 (MAMA) runs with fastLimit 0.5 and slowLimit 0.05, the period ignored, as in TA-Lib. No running sum is re-summed, exactly as TA-Lib.',
  ],
  warmup: (p) => { const st = macdExtStages(p); return Math.max(maWarmup(st.fast), maWarmup(st.slow)) + maWarmup(st.signal); },
  stream: macdextStream,
  simdPanel: false,
});
