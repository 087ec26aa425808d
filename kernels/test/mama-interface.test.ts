// The MAMA interface other kernels build on (TA-Lib's MA type 7): the reference's MAMA_LOOKBACK,
// mamaInit and mamaUpdate, and the AssemblyScript mamaInto, each against TA-Lib's MAMA and its MA
// with type 7 directly, not through the indicator.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { indicators } from '../src/index.ts';
import { MAMA_LOOKBACK, mamaInit, mamaUpdate } from '../src/reference/hilbert.ts';
import { assertClose, magnitude } from './helpers/compare.ts';
import { hilbertTolerance } from './helpers/hilbert.ts';
import { talib } from './helpers/oracle.ts';
import { shapes } from './helpers/series.ts';

const mamaDef = indicators.find((d) => d.id === 'mama')!;
const LIMITS: readonly [number, number][] = [[0.5, 0.05], [0.01, 0.01], [0.99, 0.99], [0.01, 0.99], [0.99, 0.01], [0.3, 0.1]];

function talibMama(x: Float64Array, fast: number, slow: number, viaMa: boolean): Float64Array {
  if (x.length === 0) return new Float64Array(0); // TA-Lib refuses endIdx -1
  const args = viaMa
    ? { name: 'MA', startIdx: 0, endIdx: x.length - 1, inReal: Array.from(x), optInTimePeriod: 30, optInMAType: 7 }
    : { name: 'MAMA', startIdx: 0, endIdx: x.length - 1, inReal: Array.from(x), optInFastLimit: fast, optInSlowLimit: slow };
  const res = talib.execute(args);
  const out = new Float64Array(x.length).fill(NaN);
  const values = viaMa ? res.result.outReal! : res.result.outMAMA!;
  for (let i = 0; i < res.nbElement; i++) out[res.begIndex + i] = values[i]!;
  return out;
}

function referenceMama(x: Float64Array, fast: number, slow: number): Float64Array {
  const s = mamaInit(fast, slow);
  return Float64Array.from(x, (v) => mamaUpdate(s, v));
}

interface MamaExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  mamaInto(x: number, out: number, n: number, fast: number, slow: number): void;
}

function wasmMama(x: Float64Array, fast: number, slow: number): Float64Array {
  const module = new WebAssembly.Module(readFileSync(new URL('../build/kernels.wasm', import.meta.url)));
  const wasm = new WebAssembly.Instance(module, { env: { abort: () => { throw new Error('abort'); } } }).exports as unknown as MamaExports;
  const base = (wasm.heapBase() + 7) & ~7;
  const need = base + 16 * (x.length + 1);
  if (need > wasm.memory.buffer.byteLength) wasm.memory.grow(Math.ceil((need - wasm.memory.buffer.byteLength) / 65536));
  const mem = new Float64Array(wasm.memory.buffer);
  const xAt = base / 8, outAt = xAt + x.length;
  mem.set(x, xAt);
  mem[outAt + x.length] = 12345; // a guard one past the output
  wasm.mamaInto(base, base + 8 * x.length, x.length, fast, slow);
  assert.equal(mem[outAt + x.length], 12345, 'mamaInto wrote past n');
  return mem.slice(outAt, outAt + x.length);
}

test('MAMA_LOOKBACK is TA-Lib\'s lookback for MAMA and for MA type 7', () => {
  const x = shapes[0]!.make(200, 1);
  for (const viaMa of [false, true]) {
    const res = talib.execute(viaMa
      ? { name: 'MA', startIdx: 0, endIdx: 199, inReal: Array.from(x), optInTimePeriod: 30, optInMAType: 7 }
      : { name: 'MAMA', startIdx: 0, endIdx: 199, inReal: Array.from(x), optInFastLimit: 0.5, optInSlowLimit: 0.05 });
    assert.equal(res.begIndex, MAMA_LOOKBACK);
  }
  assert.equal(MAMA_LOOKBACK, 32);
});

test('mamaUpdate matches TA-Lib\'s MAMA (every limit pair) and MA type 7 (its defaults 0.5, 0.05)', () => {
  for (const shape of shapes) {
    for (const n of [0, 1, 31, 32, 33, 3000]) {
      const x = shape.make(n, 3 + n);
      const mag = magnitude(x);
      for (const [fast, slow] of LIMITS) {
        const params = { fastLimit: fast, slowLimit: slow };
        const got = referenceMama(x, fast, slow);
        for (let i = 0; i < Math.min(n, MAMA_LOOKBACK); i++) assert.ok(Number.isNaN(got[i]), `NaN in the lookback at ${i}`);
        assertClose(got, talibMama(x, fast, slow, false), hilbertTolerance(mamaDef, { rel: 0 }, { close: x }, params, 'mama'), `${shape.name} n=${n} ${fast}/${slow}`, mag);
      }
      const tol = hilbertTolerance(mamaDef, { rel: 0 }, { close: x }, { fastLimit: 0.5, slowLimit: 0.05 }, 'mama');
      assertClose(referenceMama(x, 0.5, 0.05), talibMama(x, 0.5, 0.05, true), tol, `${shape.name} n=${n} MA type 7`, mag);
    }
  }
});

test('mamaInto (AssemblyScript) equals mamaUpdate bit for bit and TA-Lib within the libm tolerance', () => {
  for (const shape of shapes) {
    for (const n of [0, 1, 32, 33, 2000]) {
      const x = shape.make(n, 11 + n);
      for (const [fast, slow] of LIMITS) {
        const got = wasmMama(x, fast, slow);
        const ref = referenceMama(x, fast, slow);
        for (let i = 0; i < n; i++) assert.ok(Object.is(got[i], ref[i]), `${shape.name} n=${n} ${fast}/${slow} at ${i}: ${got[i]} vs ${ref[i]}`);
        const tol = hilbertTolerance(mamaDef, { rel: 0 }, { close: x }, { fastLimit: fast, slowLimit: slow }, 'mama');
        assertClose(got, talibMama(x, fast, slow, false), tol, `${shape.name} n=${n} ${fast}/${slow} vs TA-Lib`, magnitude(x));
      }
    }
  }
});
