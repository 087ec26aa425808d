// High/low/close indicators (TRANGE, ATR, NATR, WILLR, STOCHF, STOCH, STOCHRSI, CCI): the
// WebAssembly kernels are as bit-exact with TA-Lib as their docs say, and TA-Lib's edge cases
// (zero ranges, zero closes, flat series) come out as documented.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compute, indicators } from '../src/index.ts';
import { assertClose, EXACT } from './helpers/compare.ts';
import { talibOutputs } from './helpers/oracle.ts';
import { defaults, inputsFor, realisticValue } from './helpers/params.ts';
import { shapes } from './helpers/series.ts';

const BIT_EXACT = ['trange', 'atr', 'natr', 'willr', 'stochf', 'stoch', 'stochrsi', 'cci'];

describe('WebAssembly kernels bit-exact with TA-Lib', () => {
  for (const id of BIT_EXACT) {
    test(id, () => {
      const def = indicators.find((d) => d.id === id)!;
      const paramSets = [defaults(def), ...[0.1, 0.6].map((f) => Object.fromEntries(def.params.map((p) => [p.name, realisticValue(p, f)])))];
      for (const shape of shapes) {
        const inputs = inputsFor(def, shape.make(4_000, 31), 31);
        for (const params of paramSets) {
          const expected = talibOutputs(def, inputs, params);
          const r = compute(id, inputs, params, { kernel: 'wasm-simd' });
          def.outputs.forEach((o, k) => assertClose(r.outputs[o.name]!, expected[k]!, EXACT, `${shape.name} ${JSON.stringify(params)} ${o.name}`));
        }
      }
    });
  }
});

const kernels = ['typescript', 'wasm-simd'] as const;

test('ATR with period 1 is the true range', () => {
  const bars = inputsFor(indicators.find((d) => d.id === 'atr')!, shapes[1]!.make(3_000, 5), 5);
  for (const kernel of kernels) {
    const atr = compute('atr', bars, { period: 1 }, { kernel }).outputs.atr!;
    const tr = compute('trange', bars, {}, { kernel }).outputs.trange!;
    assert.deepEqual(atr, tr);
  }
});

test('NATR is 0 where the close is 0 (TA-Lib intends it; 0.6 writes the 0 into its first output instead)', () => {
  const close = Float64Array.from({ length: 60 }, (_, i) => (i === 40 ? 0 : 100 + Math.sin(i)));
  const high = close.map((c) => c + 1);
  const low = close.map((c) => c - 1);
  for (const kernel of kernels) {
    const natr = compute('natr', { high, low, close }, { period: 14 }, { kernel }).outputs.natr!;
    assert.equal(natr[40], 0);
    assert.ok(Number.isFinite(natr[41]!) && natr[41]! > 0);
    const atr = compute('atr', { high, low, close }, { period: 14 }, { kernel }).outputs.atr!;
    assert.equal(natr[39], (atr[39]! / close[39]!) * 100);
  }
});

test('WILLR, STOCHF and STOCH are 0 (not NaN) over a range with highest high = lowest low, like TA-Lib', () => {
  const flat = new Float64Array(40).fill(7.25);
  const bars = { high: flat, low: flat, close: flat };
  for (const kernel of kernels) {
    const w = compute('willr', bars, { period: 14 }, { kernel }).outputs.willr!;
    const f = compute('stochf', bars, { fastK: 5, fastD: 3 }, { kernel }).outputs;
    const s = compute('stoch', bars, { fastK: 5, slowK: 3, slowD: 3 }, { kernel }).outputs;
    for (const arr of [w, f.fastK!, f.fastD!, s.slowK!, s.slowD!]) {
      assert.ok(arr.every((v) => Number.isNaN(v) || v === 0));
      assert.ok(arr.some((v) => v === 0));
    }
  }
});

test("STOCHRSI of a flat series is 0: the RSI is 0 there and its range is 0 (TA-Lib's values)", () => {
  const close = new Float64Array(80).fill(12.5);
  const def = indicators.find((d) => d.id === 'stochrsi')!;
  const params = defaults(def);
  const expected = talibOutputs(def, { close }, params);
  for (const kernel of kernels) {
    const r = compute('stochrsi', { close }, params, { kernel }).outputs;
    assertClose(r.fastK!, expected[0]!, EXACT, `${kernel} fastK`);
    assertClose(r.fastD!, expected[1]!, EXACT, `${kernel} fastD`);
    assert.equal(r.fastK![79], 0);
  }
});

test("CCI of a perfectly flat series reproduces TA-Lib's rounding: ±66.67 for some prices, 0 for others", () => {
  const def = indicators.find((d) => d.id === 'cci')!;
  const seen = new Set<number>();
  for (const price of [294.8445569932877, 872.9541684066774, 42.5, 0.1]) {
    for (const period of [7, 14, 20, 30]) {
      const flat = new Float64Array(period + 20).fill(price);
      const bars = { high: flat, low: flat, close: flat };
      const expected = talibOutputs(def, bars, { period })[0]!;
      for (const kernel of kernels) {
        const got = compute('cci', bars, { period }, { kernel }).outputs.cci!;
        assertClose(got, expected, EXACT, `${kernel} ${price} ${period}`);
      }
      seen.add(Math.round(expected[period]!));
    }
  }
  assert.deepEqual([...seen].sort((a, b) => a - b), [-67, 0, 67]);
});
