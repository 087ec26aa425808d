import { defineIndicator, periodParam } from '../../src/define.ts';
import { wilderWarmup } from '../../src/reference/directional.ts';
import { dxStream } from './stream.ts';

export default defineIndicator({
  id: 'dx',
  name: 'Directional Movement Index',
  group: 'Momentum Indicators',
  description: "Wilder's DX: 100 * |+DI - -DI| / (+DI + -DI), the unsmoothed input of the ADX.",
  inputs: ['high', 'low', 'close'],
  params: [periodParam('period', 14, 'Number of bars in the Wilder sums of DM and TR.')],
  outputs: [{ name: 'dx', description: 'DX in [0, 100].' }],
  lookback: (p) => p.period!,
  lookbackFormula: 'period',
  tolerance: 'bit-exact with TA-Lib (same operations in the same order, in both kernels; the WebAssembly kernel forms DM and TR two bars at a time in SIMD and smooths +DM and -DM side by side in the lanes)',
  talib: { name: 'DX', params: ['period'] },
  notes: [
    'The DM and TR sums are ADX\'s: plain sums of the first period - 1 moves, then Wilder sums s = s - s / period + x; a bar\'s move counts for -DM first, else for +DM (ties count for neither).',
    'TA-Lib\'s zero rule, reproduced: where the TR sum or +DI + -DI is below 1e-14 the first output is 0 and a later one repeats the previous output (a flat series reads 0 throughout).',
    'The period starts at 2, TA-Lib\'s range (its code has a period 1 lookback, but the function refuses period 1).',
  ],
  warmup: (p) => wilderWarmup(p.period!),
  stream: dxStream,
  serialChain: true,
  simdPanel: false,
});
