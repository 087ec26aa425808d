// The MA-type parameter (TA-Lib's TA_MAType) on every indicator that has one: each of the nine types
// streams exactly as the batch computes, the WebAssembly kernels agree bit for bit (MAMA, type 7, within
// the Hilbert family's libm tolerance), a snapshot taken mid-series resumes exactly, period 1 copies
// the input, and values outside 0..8 get typed parameter errors.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compute, createStream, IndicatorError, indicators, restoreStream } from '../src/index.ts';
import { MA_MAMA, MA_TYPE_NAMES } from '../src/reference/ma.ts';
import type { Params } from '../src/types.ts';
import { assertClose, EXACT } from './helpers/compare.ts';
import { hilbertTolerance } from './helpers/hilbert.ts';
import { choices, defaults, inputsFor } from './helpers/params.ts';
import { shapes } from './helpers/series.ts';

const typed = indicators.filter((d) => d.params.some((p) => p.names));
const mama = indicators.find((d) => d.id === 'mama')!;

test('the indicators with an MA-type parameter are the ones TA-Lib gives one', () => {
  assert.deepEqual(typed.map((d) => d.id).sort(), ['apo', 'bbands', 'ma', 'macdext', 'mavp', 'ppo', 'stoch', 'stochf', 'stochrsi']);
});

for (const def of typed) {
  describe(`${def.id}: MA types`, () => {
    for (const p of def.params.filter((q) => q.names)) {
      test(`${p.name}: TA-Lib's default 0 (SMA), names 0..8 in the description`, () => {
        assert.equal(p.default, 0);
        assert.deepEqual(p.names, MA_TYPE_NAMES);
        for (const [i, name] of MA_TYPE_NAMES.entries()) assert.match(p.description, new RegExp(`\\b${i} ${name}\\b`));
      });

      test(`${p.name}: values outside 0..8 and non-integers get typed errors`, () => {
        const inputs = inputsFor(def, shapes[0]!.make(200, 1), 1);
        assert.throws(() => compute(def.id, inputs, { [p.name]: 9 }), (e: unknown) => e instanceof IndicatorError && e.code === 'PARAM_OUT_OF_RANGE');
        assert.throws(() => compute(def.id, inputs, { [p.name]: -1 }), (e: unknown) => e instanceof IndicatorError && e.code === 'PARAM_OUT_OF_RANGE');
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
          // MAMA's trigonometry is libm's in the reference and the kernel's own in WebAssembly.
          const wasmTol = type === MA_MAMA ? hilbertTolerance(mama, EXACT, { close: inputs.close ?? inputs.high! }, { fastLimit: 0.5, slowLimit: 0.05 }, 'mama') : EXACT;
          if (type !== 0) for (const o of def.outputs) assertClose(wasm.outputs[o.name]!, batch.outputs[o.name]!, wasmTol, `wasm ${o.name}`);
        });
      }
    }
  });
}

test('bbands: under MAMA (7) the period stops at 33, where TA-Lib would shift its bands; a typed error above', () => {
  const close = shapes[1]!.make(300, 4);
  for (const kernel of ['typescript', 'wasm-simd'] as const) {
    assert.equal(compute('bbands', { close }, { period: 33, maType: MA_MAMA }, { kernel }).lookback, 32);
    assert.throws(
      () => compute('bbands', { close }, { period: 34, maType: MA_MAMA }, { kernel }),
      (e: unknown) => e instanceof IndicatorError && e.code === 'PARAM_OUT_OF_RANGE' && e.path === 'params.period' && /at most 33 with maType 7/.test(e.message),
    );
  }
  assert.throws(() => createStream('bbands', { period: 34, maType: MA_MAMA }), (e: unknown) => e instanceof IndicatorError && e.path === 'params.period');
  assert.equal(compute('bbands', { close }, { period: 34, maType: 0 }).lookback, 33);
});

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
