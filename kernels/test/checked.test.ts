// Kernels that check their own inputs on the way (`<id>_checked` exports: the serial chains, where a
// separate check pass would cost a read of every input) refuse exactly what the check pass refuses:
// the first non-finite value of the first bad input, through compute() and through a Workspace.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { compute, IndicatorError, indicators, Workspace } from '../src/index.ts';
import { wasmModule } from '../src/compute.ts';
import { defaults, inputsFor } from './helpers/params.ts';
import { shapes } from './helpers/series.ts';

const bytes = readFileSync(new URL('../build/kernels.wasm', import.meta.url));
const exported = new Set(WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name));
const checked = indicators.filter((d) => exported.has(`${d.id}_checked`));

test('the serial-chain kernels (ADX, ATR, NATR, RSI) check their own inputs (and ADOSC, CCI, MACD, OBV and SMA, where the kernel leaves room for it)', () => {
  assert.deepEqual(checked.map((d) => d.id).sort(), ['adosc', 'adx', 'atr', 'cci', 'macd', 'natr', 'obv', 'rsi', 'sma']);
});

const refused = (path: string) => (err: unknown) => err instanceof IndicatorError && err.code === 'NON_FINITE_INPUT' && err.path === path;

for (const def of checked) {
  describe(`${def.id}: the checked kernel`, () => {
    const params = defaults(def);
    const lb = def.lookback(params);

    test('a NaN or infinity anywhere in any input is reported at its first index (compute and Workspace)', () => {
      for (const n of [lb, lb + 1, lb + 40, lb + 2100]) {
        for (let j = 0; j < def.inputs.length; j++) {
          // lb + 1024 and lb + 2048: where SMA's re-summed blocks start.
          for (const at of [0, 1, lb - 1, lb, lb + 1024, lb + 2048, n - 2, n - 1].filter((i) => i >= 0 && i < n)) {
            for (const bad of [NaN, Infinity, -Infinity]) {
              const inputs = inputsFor(def, shapes[0]!.make(n, 5), 5);
              inputs[def.inputs[j]!]![at] = bad;
              if (at + 3 < n) inputs[def.inputs[j]!]![at + 3] = NaN; // a later one is not the one reported
              const path = `inputs.${def.inputs[j]}[${at}]`;
              assert.throws(() => compute(def.id, inputs, params, { kernel: 'wasm-simd' }), refused(path), `compute n=${n} ${path}`);
              const ws = new Workspace(def.id, n);
              for (const name of def.inputs) ws.input(name).set(inputs[name]!);
              assert.throws(() => ws.run(params), refused(path), `Workspace n=${n} ${path}`);
              ws.dispose();
            }
          }
        }
      }
    });

    test('finite inputs: the checked kernel writes what the kernel writes, bit for bit, and says so', () => {
      const wasm = wasmModule()!;
      const run = wasm.exports[def.id]!;
      const runChecked = wasm.exports[`${def.id}_checked`]!;
      for (const n of [0, 1, lb, lb + 1, lb + 2, lb + 777, lb + 2100]) {
        const inputs = inputsFor(def, shapes[1]!.make(n, 8), 8);
        const nIn = def.inputs.length;
        const nOut = def.outputs.length;
        const ptr = wasm.memory.alloc(8 * n * (nIn + 2 * nOut) + 8);
        def.inputs.forEach((name, j) => wasm.memory.heap.set(inputs[name]!, (ptr >> 3) + j * n));
        const outA = ptr + nIn * n * 8;
        const outB = outA + nOut * n * 8;
        const args = (out: number) => [...def.inputs.map((_, j) => ptr + j * n * 8), ...def.outputs.map((_, k) => out + k * n * 8), n, ...def.params.map((p) => params[p.name]!)];
        run(...args(outA));
        assert.equal(runChecked(...args(outB)), 1, `n=${n}: all finite`);
        const heap = wasm.memory.heap;
        for (let i = 0; i < nOut * n; i++) assert.ok(Object.is(heap[(outA >> 3) + i], heap[(outB >> 3) + i]), `n=${n} value ${i}`);
        wasm.memory.release(ptr);
      }
    });
  });
}
