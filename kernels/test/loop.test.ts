// The TypeScript loops compute() runs for serial chains (RSI, ATR, NATR) and memory-bound transforms
// (the price transforms, BOP), and for the chained EMAs (DEMA, TEMA, TRIX) on short series, equal
// the reference bit for bit, into fresh and caller-owned outputs; a non-finite value anywhere in any
// input is found (first bad index of the first bad input, as the other paths report it), and a refused
// call leaves the caller's buffers untouched. Past a loop's length limit compute() takes the
// WebAssembly kernel.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compute, IndicatorError, indicators } from '../src/index.ts';
import { assertClose, EXACT } from './helpers/compare.ts';
import { boundaryParams, inputsFor, randomParams } from './helpers/params.ts';
import { rng, shapes } from './helpers/series.ts';
import { toleranceFor } from './helpers/tolerances.ts';
import type { Params } from '../src/types.ts';

const looped = indicators.filter((d) => d.loop);

/** Loops at every length that are not serial chains: a few operations per bar on several inputs. */
const MEMORY_BOUND = ['avgprice', 'bop', 'medprice', 'typprice', 'wclprice'];

test('the serial chains and the memory-bound transforms have loops at every length, the chained EMAs on short series', () => {
  assert.deepEqual(looped.filter((d) => d.loopMaxOutputs === undefined).map((d) => d.id).sort(), ['atr', 'natr', 'rsi', ...MEMORY_BOUND].sort());
  assert.deepEqual(looped.filter((d) => d.loopMaxOutputs !== undefined).map((d) => d.id).sort(), ['dema', 'tema', 'trix']);
});

test('the serial chains with a division per bar are marked, and every other loop at every length is memory-bound', () => {
  assert.deepEqual(indicators.filter((d) => d.serialChain).map((d) => d.id).sort(), ['adx', 'adxr', 'atr', 'cmo', 'dx', 'minus_di', 'minus_dm', 'natr', 'plus_di', 'plus_dm', 'rsi']);
  for (const def of looped.filter((d) => d.loopMaxOutputs === undefined)) assert.ok(def.serialChain || MEMORY_BOUND.includes(def.id), def.id);
});

/** Whether compute() runs the loop on a series of n bars. */
const loopsAt = (def: (typeof looped)[number], n: number, params: Params) => def.loopMaxOutputs === undefined || n <= def.lookback(params) + def.loopMaxOutputs;

test("RSI's loop equals the reference exactly where a move overflows when doubled, is subnormal, or is -0", () => {
  const values = [1.7e308, -1.7e308, 1.7e308, 1e308, -1e308, 5e-324, 0, -0, 1e-320, -1e-320, 1.6e308, -8e307, 9e307, 3, -0, 0];
  const close = new Float64Array(200).map((_, i) => values[(i * 7) % values.length]!);
  for (const period of [2, 3, 14]) {
    const loop = compute('rsi', { close }, { period });
    assert.equal(loop.kernel, 'typescript');
    const ref = compute('rsi', { close }, { period }, { kernel: 'typescript' });
    assertClose(loop.outputs.rsi!, ref.outputs.rsi!, EXACT, `period ${period}`);
  }
});

test('finite inputs whose sums overflow: a memory-bound loop hands over, and the result is the reference\'s', () => {
  const big = new Float64Array(50).map((_, i) => (i % 3 === 0 ? 1.7e308 : i % 3 === 1 ? -1.7e308 : 1e308));
  for (const id of MEMORY_BOUND) {
    const def = indicators.find((d) => d.id === id)!;
    const inputs = Object.fromEntries(def.inputs.map((name, j) => [name, big.map((v, i) => (j % 2 === 0 ? v : big[(i + 1) % big.length]!))]));
    const auto = compute(id, inputs);
    assert.equal(auto.kernel, 'wasm-simd', id);
    const ref = compute(id, inputs, {}, { kernel: 'typescript' });
    assert.ok(def.outputs.some((o) => ref.outputs[o.name]!.some((v) => !Number.isFinite(v))) || id === 'bop', `${id}: the case overflows`);
    for (const o of def.outputs) assertClose(auto.outputs[o.name]!, ref.outputs[o.name]!, EXACT, id);
  }
});

for (const def of looped) {
  describe(`${def.id}: TypeScript loop`, () => {
    test('equals the reference exactly: every shape, boundary and random parameters, lengths around the lookback', () => {
      const r = rng(31);
      const sets = [...boundaryParams(def), ...Array.from({ length: 6 }, () => randomParams(def, r))].filter((p) => def.lookback(p) < 5000);
      sets.forEach((params, i) => {
        const lb = def.lookback(params);
        const max = def.loopMaxOutputs === undefined ? Infinity : lb + def.loopMaxOutputs;
        // 1,500 and up: past the plan's scratch outputs (1,024 values), caller buffers are written directly after a check pass.
        for (const n of [0, 1, lb, lb + 1, lb + 2, lb + 500, lb + 1500, max, max + 1].filter((m) => Number.isFinite(m))) {
          const shape = shapes[(i + n) % shapes.length]!;
          const inputs = inputsFor(def, shape.make(n, i + n), i);
          const auto = compute(def.id, inputs, params);
          if (!loopsAt(def, n, params)) {
            assert.equal(auto.kernel, 'wasm-simd', `n=${n} is past the loop's limit`);
            continue;
          }
          assert.equal(auto.kernel, 'typescript');
          const ref = compute(def.id, inputs, params, { kernel: 'typescript' });
          const own = Object.fromEntries(def.outputs.map((o) => [o.name, new Float64Array(n).fill(7)]));
          compute(def.id, inputs, params, { outputs: own });
          for (const o of def.outputs) {
            assertClose(auto.outputs[o.name]!, ref.outputs[o.name]!, EXACT, `${JSON.stringify(params)} n=${n} ${shape.name}`);
            assertClose(own[o.name]!, ref.outputs[o.name]!, EXACT, `caller-owned ${JSON.stringify(params)} n=${n}`);
          }
        }
      });
    });

    test('a NaN or infinity anywhere in any input is reported at its first index, caller buffers untouched', () => {
      const params = Object.fromEntries(def.params.map((p) => [p.name, p.default!]));
      // Both ways into caller buffers: through the plan's scratch (short series), and after a check pass (long ones).
      for (const n of [def.lookback(params) + 40, def.lookback(params) + 1500].filter((m) => loopsAt(def, m, params))) {
        for (let j = 0; j < def.inputs.length; j++) {
          for (const at of [0, 1, def.lookback(params), n - 2, n - 1]) {
            for (const bad of [NaN, Infinity, -Infinity]) {
              const inputs = inputsFor(def, shapes[0]!.make(n, 3), 3);
              inputs[def.inputs[j]!]![at] = bad;
              if (at + 5 < n) inputs[def.inputs[j]!]![at + 5] = NaN; // a later one is not the one reported
              const path = `inputs.${def.inputs[j]}[${at}]`;
              assert.throws(() => compute(def.id, inputs, params), (err: unknown) => err instanceof IndicatorError && err.code === 'NON_FINITE_INPUT' && err.path === path, path);
              const own = Object.fromEntries(def.outputs.map((o) => [o.name, new Float64Array(n).fill(7)]));
              assert.throws(() => compute(def.id, inputs, params, { outputs: own }), (err: unknown) => err instanceof IndicatorError && err.path === path);
              for (const o of def.outputs) assert.ok(own[o.name]!.every((v) => v === 7), 'caller buffers untouched');
            }
          }
        }
      }
    });

    test('number[] inputs take the WebAssembly path and agree', () => {
      const params = Object.fromEntries(def.params.map((p) => [p.name, p.default!]));
      const inputs = inputsFor(def, shapes[1]!.make(300, 9), 9);
      const arrays = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, Array.from(v)]));
      const a = compute(def.id, arrays, params);
      const b = compute(def.id, inputs, params);
      assert.equal(a.kernel, 'wasm-simd');
      // The chained EMAs' single-series WebAssembly kernels step four bars at a time: within their tolerance.
      for (const o of def.outputs) {
        const tol = def.loopMaxOutputs === undefined ? EXACT : toleranceFor(def, { rel: 1e-11, inputRel: 1e-13 }, inputs, params, o.name);
        assertClose(a.outputs[o.name]!, b.outputs[o.name]!, tol, o.name);
      }
    });
  });
}
