// The MA-type parameter (TA-Lib's TA_MAType) on every indicator that has one: each type accepted in
// this build streams exactly as the batch computes, the WebAssembly kernels agree bit for bit, a
// snapshot taken mid-series resumes exactly, period 1 copies the input, and MAMA (type 7), not built
// in yet, is refused with a typed parameter error everywhere a parameter is given.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compute, createStream, IndicatorError, indicators, InvalidParamError, restoreStream } from '../src/index.ts';
import { MA_MAMA, MA_TYPE_NAMES, mamaAsMaType, maTypeUnavailable } from '../src/reference/ma.ts';
import type { Params } from '../src/types.ts';
import { assertClose, EXACT } from './helpers/compare.ts';
import { choices, defaults, inputsFor } from './helpers/params.ts';
import { shapes } from './helpers/series.ts';

const typed = indicators.filter((d) => d.params.some((p) => p.names));

test('the indicators with an MA-type parameter are the ones TA-Lib gives one', () => {
  assert.deepEqual(typed.map((d) => d.id).sort(), ['apo', 'bbands', 'ma', 'macdext', 'ppo', 'stoch', 'stochf', 'stochrsi']);
});

for (const def of typed) {
  describe(`${def.id}: MA types`, () => {
    for (const p of def.params.filter((q) => q.names)) {
      test(`${p.name}: TA-Lib's default 0 (SMA), names 0..8 in the description`, () => {
        assert.equal(p.default, 0);
        assert.deepEqual(p.names, MA_TYPE_NAMES);
        for (const [i, name] of MA_TYPE_NAMES.entries()) assert.match(p.description, new RegExp(`\\b${i} ${name}\\b`));
      });

      test(`${p.name}: MAMA (7) is refused with a typed error while it is not built in`, () => {
        assert.equal(mamaAsMaType(), undefined, 'this test describes the build without MAMA');
        assert.match(maTypeUnavailable(MA_MAMA)!, /MAMA as an MA type \(7\) is not available in this build/);
        assert.match(p.description, /7 MAMA: not available in this build/);
        const close = shapes[0]!.make(200, 1);
        const inputs = inputsFor(def, close, 1);
        const check = (err: unknown) =>
          err instanceof InvalidParamError && err.code === 'PARAM_OUT_OF_RANGE' && err.path === `params.${p.name}` && /MAMA as an MA type \(7\) is not available in this build/.test(err.message);
        for (const kernel of ['typescript', 'wasm-simd'] as const) assert.throws(() => compute(def.id, inputs, { [p.name]: 7 }, { kernel }), check);
        assert.throws(() => createStream(def.id, { [p.name]: 7 }), check);
        const snap = createStream(def.id).snapshot();
        assert.throws(() => restoreStream({ ...snap, params: { ...snap.params, [p.name]: 7 } }), check);
        // Out of the 0..8 range and not an integer: the usual errors.
        assert.throws(() => compute(def.id, inputs, { [p.name]: 9 }), (e: unknown) => e instanceof IndicatorError && e.code === 'PARAM_OUT_OF_RANGE');
        assert.throws(() => compute(def.id, inputs, { [p.name]: 1.5 }), (e: unknown) => e instanceof IndicatorError && e.code === 'PARAM_NOT_INTEGER');
      });

      for (const type of choices(p)) {
        test(`${p.name} = ${type} (${MA_TYPE_NAMES[type]}): streaming in chunks, snapshots and the WebAssembly kernel equal the batch`, () => {
          const params: Params = { ...defaults(def), [p.name]: type };
          const n = def.lookback(params) + 300;
          const inputs = inputsFor(def, shapes[1]!.make(n, 5 + type), 5 + type);
          const batch = compute(def.id, inputs, params, { kernel: 'typescript' });
          const wasm = compute(def.id, inputs, params, { kernel: 'wasm-simd' });
          for (const size of [1, 3, 17, n]) {
            const stream = createStream(def.id, params);
            const got = def.outputs.map(() => new Float64Array(n));
            for (let from = 0; from < n; from += size) {
              const to = Math.min(n, from + size);
              const part = Object.fromEntries(def.inputs.map((name) => [name, inputs[name]!.subarray(from, to)]));
              const out = stream.updateMany(part);
              def.outputs.forEach((o, k) => got[k]!.set(out[o.name]!, from));
              if (from === size * 5) {
                // A snapshot through JSON resumes where it left off.
                const resumed = restoreStream(JSON.parse(JSON.stringify(stream.snapshot())));
                const next = Math.min(n, to + 5);
                const tail = Object.fromEntries(def.inputs.map((name) => [name, inputs[name]!.subarray(to, next)]));
                const a = resumed.updateMany(tail);
                const b = createStream(def.id, params);
                b.updateMany(Object.fromEntries(def.inputs.map((name) => [name, inputs[name]!.subarray(0, to)])));
                const c = b.updateMany(tail);
                for (const o of def.outputs) assertClose(a[o.name]!, c[o.name]!, EXACT, `resumed ${o.name}`);
              }
            }
            for (const [k, o] of def.outputs.entries()) assertClose(got[k]!, batch.outputs[o.name]!, EXACT, `chunk ${size} ${o.name}`);
          }
          // Type 0 keeps each indicator's re-summed SIMD SMA path (its own documented tolerance);
          // every other type runs TA-Lib's arithmetic in order in both kernels.
          if (type !== 0) for (const o of def.outputs) assertClose(wasm.outputs[o.name]!, batch.outputs[o.name]!, EXACT, `wasm ${o.name}`);
        });
      }
    }
  });
}

test('ma: period 1 returns a copy of the input under every type, as TA_MA', () => {
  const ma = indicators.find((d) => d.id === 'ma')!;
  const close = shapes[1]!.make(500, 3);
  for (const type of choices(ma.params.find((p) => p.name === 'maType')!)) {
    for (const kernel of ['typescript', 'wasm-simd'] as const) {
      const r = compute('ma', { close }, { period: 1, maType: type }, { kernel });
      assert.equal(r.lookback, 0);
      assertClose(r.outputs.ma!, close, EXACT, `type ${type} ${kernel}`);
    }
  }
});
