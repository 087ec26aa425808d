import { defineIndicator, periodParam, streamKernel } from '../../src/define.ts';
import { barsToForget, emaK } from '../../src/reference/common.ts';
import { macdInit, macdRelations, macdSpec, macdStep, type MacdConstants, type MacdState } from '../../src/reference/macd.ts';

/** TA-Lib MACDFIX: MACD(12, 26, signal) with the fast and slow EMA constants fixed at 0.15 and 0.075. */
const macdfixStream = streamKernel<MacdState>({
  init: macdInit,
  spec: macdSpec,
  relations: macdRelations,
  derive: (p) => ({ fastPeriod: 12, slowPeriod: 26, signalPeriod: p.signal!, kFast: 0.15, kSlow: 0.075, kSignal: emaK(p.signal!) }),
  update(s, bar, out, p) {
    macdStep(s, bar[0]!, out, p as unknown as MacdConstants);
  },
});

export default defineIndicator({
  id: 'macdfix',
  name: 'Moving Average Convergence/Divergence Fix 12/26',
  group: 'Momentum Indicators',
  description: 'The classic MACD(12, 26) with the EMA constants fixed at 0.15 and 0.075, its EMA(signal), and their difference.',
  inputs: ['close'],
  params: [periodParam('signal', 9, 'Period of the signal EMA.')],
  outputs: [
    { name: 'macd', description: 'EMA12 - EMA26 (constants 0.15 and 0.075)' },
    { name: 'signal', description: 'EMA(signal) of the MACD line' },
    { name: 'histogram', description: 'macd - signal' },
  ],
  lookback: (p) => 25 + p.signal! - 1,
  lookbackFormula: '25 + signal - 1',
  tolerance:
    'reference kernel bit-exact with TA-Lib; the WebAssembly kernel advances the three EMAs four bars per step (MACD\'s kernel), within 1e-12 relative of the scale of each output',
  talib: { name: 'MACDFIX', params: ['signal'] },
  notes: [
    'As in TA-Lib, the fast and slow EMAs use the constants 0.15 and 0.075 (the traditional rounded values) instead of 2 / 13 and 2 / 27, so MACDFIX(9) differs from MACD(12, 26, 9).',
    'Seeding is MACD\'s: both EMAs start at bar 25, the slow one with the mean of bars 0 .. 25, the fast one with the mean of bars 14 .. 25; the signal EMA (2 / (signal + 1)) with the mean of its first `signal` values.',
    'The signal period starts at 2: TA-Lib accepts 1 but 0.6 returns an uninitialised first value for it (as for MACD).',
  ],
  warmup: (p) => barsToForget(1 - 0.075) + barsToForget(1 - emaK(p.signal!)),
  stream: macdfixStream,
  simdPanel: false,
});
