import { defineIndicator, periodParam } from '../../src/define.ts';
import { diStream, wilderWarmup } from '../../src/reference/directional.ts';

export default defineIndicator({
  id: 'plus_di',
  name: 'Plus Directional Indicator',
  group: 'Momentum Indicators',
  description: "Wilder's +DI: 100 * Wilder sum of +DM / Wilder sum of true range.",
  inputs: ['high', 'low', 'close'],
  params: [periodParam('period', 14, 'Number of bars in the Wilder sums (1: the unsmoothed one-bar ratio, see notes).', 1)],
  outputs: [{ name: 'plus_di', description: '+DI in [0, 100].' }],
  lookback: (p) => p.period!,
  lookbackFormula: 'period',
  tolerance:
    'bit-exact with TA-Lib (same operations in the same order, in both kernels; the WebAssembly kernel forms +DM and TR two bars at a time in SIMD and smooths them side by side in the lanes)',
  talib: { name: 'PLUS_DI', params: ['period'] },
  notes: [
    '+DM counts a bar\'s up move (high - previous high) when it is positive and strictly larger than the down move (previous low - low); on a tie it does not count (TA-Lib\'s rules).',
    '+DM and TR start as plain sums of the first period - 1 bar-to-bar moves, then are Wilder sums: s = s - s / period + x.',
    'As in TA-Lib, the value is 0 when the TR sum is below 1e-14 (for example on a flat series).',
    'TA-Lib oddity, reproduced: with period 1 the output is the one-bar ratio +DM1 / TR1 in [0, 1], not multiplied by 100.',
  ],
  warmup: (p) => wilderWarmup(p.period!),
  stream: diStream(1),
  serialChain: true,
  simdPanel: false,
});
