// Every indicator against TA-Lib (the `talib` native package): generated series of several shapes
// and magnitudes, lengths lookback, lookback + 1 and 1e5, and every parameter at its bounds.
import { describe, test } from 'node:test';
import { compute, indicators } from '../src/index.ts';
import type { IndicatorDefinition, Params } from '../src/types.ts';
import { assertClose, magnitude, type Tolerance } from './helpers/compare.ts';
import { talibOutputs } from './helpers/oracle.ts';
import { referenceTolerance, toleranceFor } from './helpers/tolerances.ts';
import { LIBM_DEPENDENT } from './helpers/hilbert.ts';
import { boundaryParams, defaults, inputsFor, realisticValue } from './helpers/params.ts';
import { shapes } from './helpers/series.ts';

/** Agreement with TA-Lib that every indicator must meet (its own docs may promise tighter). */
export const GOLDEN: Tolerance = { rel: 1e-9, inputRel: 1e-13 };


function check(def: IndicatorDefinition, inputs: Record<string, Float64Array>, params: Params, label: string): void {
  const expected = talibOutputs(def, inputs, params);
  const mag = magnitude(inputs[def.inputs[0]!]!);
  // undefined: the default choice (a definition's TypeScript loop, where it has one).
  const n = inputs[def.inputs[0]!]!.length;
  // The default choice runs the definition's loop (the reference's operations) up to its length limit.
  const looped = def.loop !== undefined && (def.loopMaxOutputs === undefined || n <= def.lookback(params) + def.loopMaxOutputs);
  for (const kernel of ['typescript', 'wasm-simd', undefined] as const) {
    const r = compute(def.id, inputs, params, kernel ? { kernel } : {});
    def.outputs.forEach((o, k) => {
      // The reference kernels follow TA-Lib's arithmetic step for step: no cancellation allowance.
      const tol = kernel === 'wasm-simd' || (kernel === undefined && !looped) || LIBM_DEPENDENT.has(def.id) ? toleranceFor(def, GOLDEN, inputs, params, o.name) : GOLDEN;
      assertClose(r.outputs[o.name]!, expected[k]!, tol, `${label} ${kernel} ${o.name}`, mag);
    });
  }
}

for (const def of indicators.filter((d) => d.talib)) {
  describe(`golden ${def.id} vs TA-Lib ${def.talib!.name}`, () => {
    for (const shape of shapes) {
      test(`${shape.name}: lengths around the lookback and 1e4, default params`, () => {
        const params = defaults(def);
        const lb = def.lookback(params);
        for (const n of [0, 1, lb, lb + 1, lb + 2, 10_000]) {
          const close = shape.make(n, 7 + n);
          check(def, inputsFor(def, close, n), params, `${shape.name} n=${n}`);
        }
      });
    }

    test('the TypeScript reference kernel is bit-exact with TA-Lib', () => {
      for (const shape of shapes) {
        const close = shape.make(5_000, 5);
        const inputs = inputsFor(def, close, 5);
        const params = defaults(def);
        const expected = talibOutputs(def, inputs, params);
        const r = compute(def.id, inputs, params, { kernel: 'typescript' });
        def.outputs.forEach((o, k) => assertClose(r.outputs[o.name]!, expected[k]!, referenceTolerance(def, inputs, params, o.name), `${shape.name} ${o.name}`));
      }
    });

    test('1e5 bars, rough walk', () => {
      const close = shapes[1]!.make(100_000, 99);
      check(def, inputsFor(def, close, 99), defaults(def), 'n=1e5');
    });

    test('every parameter at its bounds, lengths lookback and lookback + 1 and beyond', () => {
      for (const params of boundaryParams(def)) {
        const lb = def.lookback(params);
        for (const n of [lb, lb + 1, lb + 300]) {
          const close = shapes[1]!.make(n, 3);
          check(def, inputsFor(def, close, 3), params, `params=${JSON.stringify(params)} n=${n}`);
        }
      }
    });

    test('assorted parameter values', () => {
      const close = shapes[1]!.make(3_000, 11);
      const inputs = inputsFor(def, close, 11);
      for (const f of [0.1, 0.37, 0.5, 0.77]) {
        const params = Object.fromEntries(def.params.map((p) => [p.name, realisticValue(p, f)]));
        check(def, inputs, params, `params=${JSON.stringify(params)}`);
      }
    });
  });
}
