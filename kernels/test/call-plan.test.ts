// compute()'s per-indicator call plan (src/plan.ts): remembered parameters are reused only when the
// values are the same, the outputs record has the registry's names in order, and the arrays reused
// inside a call never leak into results.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { compute, indicators, IndicatorError } from '../src/index.ts';
import { defaults, inputsFor } from './helpers/params.ts';
import { shapes } from './helpers/series.ts';

const close = shapes[1]!.make(200, 3);
const sma = (period: number) => {
  const out = new Float64Array(close.length).fill(NaN);
  for (let i = period - 1; i < close.length; i++) {
    let s = 0;
    for (let j = i - period + 1; j <= i; j++) s += close[j]!;
    out[i] = s / period;
  }
  return out;
};
const near = (a: Float64Array, b: Float64Array) => a.every((v, i) => (Number.isNaN(v) ? Number.isNaN(b[i]!) : Math.abs(v - b[i]!) <= 1e-9 * Math.abs(b[i]!)));

test('parameters: none, given, none again, the result\'s own passed back, a mutated object', () => {
  const none = compute('sma', { close });
  assert.equal(none.params.period, 30);
  assert.ok(Object.isFrozen(none.params));
  const five = compute('sma', { close }, { period: 5 });
  assert.equal(five.params.period, 5);
  assert.ok(near(five.outputs.sma!, sma(5)));
  const again = compute('sma', { close });
  assert.equal(again.params.period, 30, 'no parameters after others are the defaults');
  assert.ok(near(again.outputs.sma!, sma(30)));
  const back = compute('sma', { close }, five.params);
  assert.equal(back.params.period, 5);
  assert.ok(near(back.outputs.sma!, sma(5)));
  const p: Record<string, number> = { period: 7 };
  assert.equal(compute('sma', { close }, p).params.period, 7);
  p.period = 9;
  const mutated = compute('sma', { close }, p);
  assert.equal(mutated.params.period, 9, 'the same object with another value is checked again');
  assert.ok(near(mutated.outputs.sma!, sma(9)));
  p.period = 1;
  assert.throws(() => compute('sma', { close }, p), (err: unknown) => err instanceof IndicatorError && err.path === 'params.period');
  assert.equal(compute('sma', { close }).params.period, 30);
});

test('parameters with the same values share one frozen object', () => {
  const a = compute('macd', { close }, { fast: 5, slow: 9, signal: 4 });
  const b = compute('macd', { close }, { fast: 5, slow: 9, signal: 4 });
  assert.equal(a.params, b.params);
  assert.ok(Object.isFrozen(a.params));
});

test('every indicator\'s outputs record has its registry names, in order', () => {
  for (const def of indicators) {
    const r = compute(def.id, inputsFor(def, shapes[0]!.make(def.lookback(defaults(def)) + 20, 1), 1), defaults(def));
    assert.deepEqual(Object.keys(r.outputs), def.outputs.map((o) => o.name), def.id);
    for (const o of def.outputs) assert.ok(r.outputs[o.name] instanceof Float64Array, `${def.id}.${o.name}`);
  }
});

test('fresh outputs of consecutive calls are distinct arrays, and later calls leave earlier results alone', () => {
  for (const [id, n] of [['macd', 100], ['macd', 5000], ['bbands', 100], ['avgprice', 100], ['rsi', 100]] as const) {
    const def = indicators.find((d) => d.id === id)!;
    const first = compute(id, inputsFor(def, shapes[0]!.make(n, 1), 1));
    const kept = Object.fromEntries(Object.entries(first.outputs).map(([k, v]) => [k, v.slice()]));
    const second = compute(id, inputsFor(def, shapes[1]!.make(n, 2), 2));
    for (const o of def.outputs) {
      assert.notEqual(first.outputs[o.name], second.outputs[o.name], `${id}.${o.name} n=${n}`);
      assert.deepEqual(first.outputs[o.name], kept[o.name], `${id}.${o.name} n=${n} unchanged`);
    }
  }
});

test('parameters in another key order, some left to their defaults, an unknown key after a remembered call', () => {
  const none = compute('macd', { close });
  const reordered = compute('macd', { close }, { signal: 9, fast: 12 });
  assert.equal(reordered.params, none.params, 'the same values in another order are the remembered object');
  const changed = compute('macd', { close }, { signal: 10, fast: 12 });
  assert.deepEqual({ ...changed.params }, { fast: 12, slow: 26, signal: 10 });
  assert.throws(() => compute('macd', { close }, { fast: 12, slow: 26, signal: 10, extra: 1 }), (err: unknown) => err instanceof IndicatorError && err.path === 'params.extra');
  // A key set to undefined takes the default, as a missing one does.
  assert.deepEqual({ ...compute('macd', { close }, { fast: 12, slow: undefined, signal: 10 }).params }, { fast: 12, slow: 26, signal: 10 });
  assert.equal(compute('macd', { close }, { fast: 12, signal: 10 }).params.signal, 10);
});

test('the arrays a plan reuses keep neither the caller\'s series nor a dropped result alive', async () => {
  // gc() exposed as src/collect.ts (services) does it: the flag, then a new context.
  setFlagsFromString('--expose-gc');
  const gc = (await import('node:vm')).runInNewContext('gc', {}) as (() => void) | undefined;
  assert.equal(typeof gc, 'function');
  const refs: WeakRef<Float64Array>[] = [];
  (() => {
    const n = 4096;
    const bars = { open: new Float64Array(n).fill(1), high: new Float64Array(n).fill(2), low: new Float64Array(n).fill(0.5), close: new Float64Array(n).fill(1.5) };
    refs.push(new WeakRef(bars.close), new WeakRef(compute('avgprice', bars).outputs.avgprice!));
    refs.push(new WeakRef(compute('macd', { close: bars.close }).outputs.signal!));
  })();
  await new Promise((resolve) => setImmediate(resolve));
  gc!();
  assert.deepEqual(refs.map((r) => r.deref() === undefined), [true, true, true]);
});
