import { defineIndicator, periodParam } from '../../src/define.ts';
import { barsToForget, emaK } from '../../src/reference/common.ts';
import { adoscLookback, adoscStream } from './stream.ts';

export default defineIndicator({
  id: 'adosc',
  name: 'Chaikin A/D Oscillator',
  group: 'Volume Indicators',
  description: 'EMA(fast) - EMA(slow) of the accumulation/distribution line.',
  inputs: ['high', 'low', 'close', 'volume'],
  params: [
    periodParam('fast', 3, 'Period of the first EMA of the AD line.'),
    periodParam('slow', 10, 'Period of the second EMA of the AD line.'),
  ],
  outputs: [{ name: 'adosc', description: 'EMA(fast) - EMA(slow) of the AD line' }],
  lookback: adoscLookback,
  lookbackFormula: 'max(fast, slow) - 1',
  tolerance:
    'reference kernel bit-exact with TA-Lib; the WebAssembly kernel sums the AD line in pairs (then the EMAs step by step, as TA-Lib): within 1e-11 relative of the series\' scale',
  talib: { name: 'ADOSC', params: ['fast', 'slow'] },
  notes: [
    'As in TA-Lib, both EMAs are seeded with the first AD value (bar 0), not with a simple mean, and step as e = k * ad + (1 - k) * e with k = 2 / (period + 1).',
    'The output is always EMA(fast) - EMA(slow) in the order given: with fast > slow TA-Lib does not swap them (unlike MACD), so the sign flips.',
    'The AD line\'s arbitrary starting level cancels in the difference; only the EMAs\' seeding makes early values depend on where the series starts.',
  ],
  warmup: (p) => barsToForget(1 - emaK(Math.max(p.fast!, p.slow!))),
  stream: adoscStream,
  simdPanel: false,
});
