// The WebAssembly kernels against the TypeScript reference; panel against single calls; zero-copy
// against copying; caller-owned outputs; memory reuse; long-series drift.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compute, computePanel, indicators, kernelStatus, wasmMemoryBytes, Workspace } from '../src/index.ts';
import { assertClose, EXACT, magnitude, type Tolerance } from './helpers/compare.ts';
import { defaults, inputsFor, randomParams } from './helpers/params.ts';
import { rng, shapes } from './helpers/series.ts';
import { toleranceFor } from './helpers/tolerances.ts';

/** WebAssembly vs reference: kernels that reorder arithmetic (SIMD sums, four-step EMAs) agree to this. */
const WASM_VS_REFERENCE: Tolerance = { rel: 1e-11, inputRel: 1e-13 };


test('the WebAssembly SIMD kernels are loaded here', () => {
  const status = kernelStatus();
  assert.equal(status.simd, true, 'this Node supports WebAssembly SIMD');
  assert.equal(status.kernel, 'wasm-simd', `fell back: ${status.reason}`);
});

for (const def of indicators) {
  describe(`${def.id}: WebAssembly equals the reference`, () => {
    test('random series, lengths and parameters', () => {
      const r = rng(1234);
      for (let trial = 0; trial < 40; trial++) {
        const params = randomParams(def, r);
        const lb = def.lookback(params);
        const n = Math.floor(r() * 3) === 0 ? lb + Math.floor(r() * 3) : lb + Math.floor(r() * 3000);
        const shape = shapes[trial % shapes.length]!;
        const inputs = inputsFor(def, shape.make(n, trial), trial);
        const w = compute(def.id, inputs, params, { kernel: 'wasm-simd' });
        const t = compute(def.id, inputs, params, { kernel: 'typescript' });
        assert.equal(w.lookback, t.lookback);
        for (const o of def.outputs) {
          const tol = toleranceFor(def, WASM_VS_REFERENCE, inputs, params, o.name);
          assertClose(w.outputs[o.name]!, t.outputs[o.name]!, tol, `trial ${trial} ${JSON.stringify(params)} n=${n} ${o.name}`, magnitude(inputs[def.inputs[0]!]!));
        }
      }
    });

    test('the lookback region is NaN and nothing after it is', () => {
      const params = defaults(def);
      const lb = def.lookback(params);
      const inputs = inputsFor(def, shapes[0]!.make(lb + 50, 1), 1);
      const res = compute(def.id, inputs, params);
      for (const arr of Object.values(res.outputs)) {
        for (let i = 0; i < arr.length; i++) assert.equal(Number.isNaN(arr[i]), i < lb, `index ${i}`);
      }
    });

    test('a series no longer than the lookback gives all NaN, not an error', () => {
      const params = defaults(def);
      const lb = def.lookback(params);
      for (const n of [0, 1, lb].filter((m) => m <= lb)) {
        const res = compute(def.id, inputsFor(def, shapes[0]!.make(n, 2), 2), params);
        for (const arr of Object.values(res.outputs)) assert.ok(arr.every(Number.isNaN) && arr.length === n);
      }
    });

    test('panel equals one call per series (odd and even counts, 1 to 17 series)', () => {
      const params = defaults(def);
      const n = def.lookback(params) + 257;
      for (const count of [1, 2, 3, 8, 9, 16, 17]) {
        const panel = Array.from({ length: count }, (_, s) => inputsFor(def, shapes[s % 2]!.make(n, 100 + s), s));
        const res = computePanel(def.id, panel, params);
        panel.forEach((inputs, s) => {
          const single = compute(def.id, inputs, params, { kernel: 'typescript' });
          // Lane-parallel panel kernels repeat the reference's operations exactly; the others run the
          // single-series WebAssembly kernel per series.
          const base = def.simdPanel ? EXACT : WASM_VS_REFERENCE;
          for (const o of def.outputs) {
            assertClose(res.outputs[s]![o.name]!, single.outputs[o.name]!, toleranceFor(def, base, inputs, params, o.name), `count ${count} series ${s} ${o.name}`, magnitude(inputs[def.inputs[0]!]!));
          }
        });
      }
    });

    test('zero-copy workspace equals the copying call, single and panel', () => {
      const params = defaults(def);
      const n = def.lookback(params) + 1000;
      const inputs = inputsFor(def, shapes[1]!.make(n, 9), 9);
      const ws = new Workspace(def.id, n);
      for (const name of def.inputs) ws.input(name).set(inputs[name]!);
      const { lookback } = ws.run(params);
      // The copying WebAssembly call (compute()'s default may be a TypeScript loop instead).
      const copied = compute(def.id, inputs, params, { kernel: 'wasm-simd' });
      assert.equal(lookback, copied.lookback);
      for (const o of def.outputs) assert.deepEqual(ws.output(o.name), copied.outputs[o.name]);
      ws.dispose();

      const count = 5;
      const panel = Array.from({ length: count }, (_, s) => inputsFor(def, shapes[0]!.make(n, s), s));
      const pws = new Workspace(def.id, n, count);
      panel.forEach((inp, s) => def.inputs.forEach((name) => pws.input(name, s).set(inp[name]!)));
      pws.run(params);
      const viaCopy = computePanel(def.id, panel, params);
      panel.forEach((_, s) => def.outputs.forEach((o) => assert.deepEqual(pws.output(o.name, s), viaCopy.outputs[s]![o.name])));
      pws.dispose();
    });

    test('caller-owned output buffers are written in place', () => {
      const params = defaults(def);
      const n = def.lookback(params) + 100;
      const inputs = inputsFor(def, shapes[0]!.make(n, 4), 4);
      const buffers = Object.fromEntries(def.outputs.map((o) => [o.name, new Float64Array(n)]));
      const res = compute(def.id, inputs, params, { outputs: buffers });
      const fresh = compute(def.id, inputs, params);
      for (const o of def.outputs) {
        assert.equal(res.outputs[o.name], buffers[o.name], 'the same array is returned');
        assert.deepEqual(buffers[o.name], fresh.outputs[o.name]);
      }
    });
  });
}

test('number[] inputs give the same result as Float64Array', () => {
  const x = shapes[0]!.make(500, 3);
  assert.deepEqual(compute('ema', { close: Array.from(x) }, { period: 10 }).outputs, compute('ema', { close: x }, { period: 10 }).outputs);
});

test('WebAssembly memory is reused: repeated calls of the same size do not grow it', () => {
  const x = shapes[0]!.make(200_000, 3);
  for (const def of indicators) compute(def.id, inputsFor(def, x, 1), defaults(def));
  const after = wasmMemoryBytes();
  for (let i = 0; i < 20; i++) for (const def of indicators) compute(def.id, inputsFor(def, x, 1), defaults(def));
  assert.equal(wasmMemoryBytes(), after);
  new Workspace('sma', 200_000).dispose();
  const withWorkspace = wasmMemoryBytes();
  for (let i = 0; i < 5; i++) new Workspace('sma', 200_000).dispose();
  assert.equal(wasmMemoryBytes(), withWorkspace, 'a disposed workspace returns its memory');
});

test('a 1e7-point SMA stays within 1e-12 relative of exact per-window sums (no drift)', () => {
  const n = 10_000_000;
  const period = 50;
  const x = shapes[1]!.make(n, 77); // walk with flat stretches, gaps and 1.5x / 0.6x one-bar spikes
  for (const kernel of ['wasm-simd', 'typescript'] as const) {
    const out = compute('sma', { close: x }, { period }, { kernel }).outputs.sma!;
    let worst = 0;
    for (let i = period - 1; i < n; i += 997) {
      const exact = exactSum(x, i - period + 1, i + 1) / period;
      worst = Math.max(worst, Math.abs(out[i]! - exact) / Math.abs(exact));
    }
    assert.ok(worst <= 1e-12, `${kernel}: worst relative error ${worst}`);
  }
});

/** Shewchuk's exact summation (as Python's math.fsum): the correctly rounded sum of x[from..to). */
function exactSum(x: Float64Array, from: number, to: number): number {
  const partials: number[] = [];
  for (let i = from; i < to; i++) {
    let v = x[i]!;
    let j = 0;
    for (let p of partials) {
      if (Math.abs(v) < Math.abs(p)) [v, p] = [p, v];
      const hi = v + p;
      const lo = p - (hi - v);
      if (lo !== 0) partials[j++] = lo;
      v = hi;
    }
    partials.length = j;
    partials.push(v);
  }
  return partials.reduce((a, b) => a + b, 0);
}
