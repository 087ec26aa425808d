import { defineIndicator, periodParam } from '../../src/define.ts';
import { wilderWarmup } from '../../src/reference/directional.ts';
import { adxStream } from './stream.ts';

export default defineIndicator({
  id: 'adx',
  name: 'Average Directional Movement Index',
  group: 'Momentum Indicators',
  description: "Wilder's ADX: the Wilder-smoothed average of DX = 100 * |+DI - -DI| / (+DI + -DI).",
  inputs: ['high', 'low', 'close'],
  params: [periodParam('period', 14, 'Number of bars in the Wilder sums of DM and TR and in the DX average.')],
  outputs: [{ name: 'adx', description: 'ADX in [0, 100].' }],
  lookback: (p) => 2 * p.period! - 1,
  lookbackFormula: '2 * period - 1',
  tolerance:
    'bit-exact with TA-Lib (same operations in the same order, in both kernels; the WebAssembly kernel forms DM and TR two bars at a time in SIMD and smooths +DM and -DM side by side in the lanes)',
  talib: { name: 'ADX', params: ['period'] },
  notes: [
    '+DM counts a bar\'s up move (high - previous high) when it is positive and strictly larger than the down move (previous low - low); -DM the reverse; on a tie neither counts (TA-Lib\'s rules).',
    'DM and TR start as plain sums of the first period - 1 bar-to-bar moves (not period), then are Wilder sums: s = s - s / period + x (sums, not averages: the DI ratio is the same).',
    'The first ADX is the mean of the first `period` DX values, at bar 2 * period - 1; later ones are (adx * (period - 1) + dx) / period.',
    'As in TA-Lib, a bar whose TR or whose +DI + -DI is below 1e-14 yields no DX: it leaves the ADX unchanged (and adds nothing to the first mean, which is still divided by `period`). A flat series therefore reads ADX 0.',
  ],
  warmup: (p) => 2 * wilderWarmup(p.period!),
  stream: adxStream,
  serialChain: true,
  simdPanel: false,
});
