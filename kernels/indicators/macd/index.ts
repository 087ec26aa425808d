import { defineIndicator, periodParam } from '../../src/define.ts';
import { barsToForget, emaK } from '../../src/reference/common.ts';
import { macdLookback, macdPeriods, macdStream } from './stream.ts';

export default defineIndicator({
  id: 'macd',
  name: 'Moving Average Convergence/Divergence',
  group: 'Momentum Indicators',
  description: 'EMA(fast) - EMA(slow), its EMA(signal), and their difference.',
  inputs: ['close'],
  params: [
    periodParam('fast', 12, 'Period of the fast EMA.'),
    periodParam('slow', 26, 'Period of the slow EMA.'),
    periodParam('signal', 9, 'Period of the signal EMA.'),
  ],
  outputs: [
    { name: 'macd', description: 'EMA(fast) - EMA(slow)' },
    { name: 'signal', description: 'EMA(signal) of the MACD line' },
    { name: 'histogram', description: 'macd - signal' },
  ],
  lookback: macdLookback,
  lookbackFormula: 'max(fast, slow) - 1 + signal - 1',
  tolerance:
    'reference kernel bit-exact with TA-Lib; the single-series WebAssembly kernel advances four bars per step, within 1e-12 relative of the scale of each output',
  talib: { name: 'MACD', params: ['fast', 'slow', 'signal'] },
  notes: [
    'As in TA-Lib, if `slow` is smaller than `fast` the two are swapped.',
    'Both EMAs start at bar slow - 1; the fast EMA is seeded with the mean of the `fast` bars ending there (not of the first `fast` bars), which is TA-Lib\'s alignment.',
    'The signal period starts at 2: TA-Lib accepts 1 but 0.6.0 returns an uninitialised first value and a lookback one bar short for it (and a signal of 1 would only copy the MACD line).',
    'The signal EMA is seeded with the mean of the first `signal` MACD values; nothing is output before bar slow - 1 + signal - 1 (33 for 12/26/9).',
  ],
  warmup: (p) => { const { slow, signal } = macdPeriods(p); return barsToForget(1 - emaK(slow)) + barsToForget(1 - emaK(signal)); },
  stream: macdStream,
  simdPanel: true,
});
