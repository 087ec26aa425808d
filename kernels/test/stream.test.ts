// Streaming equals batch: chunks of 1, 2, 3, 4, 5, 7, 13, 100 and all bars; peek never commits;
// snapshot/restore continues identically; bad bars are rejected and leave the state untouched.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compute, createStream, IndicatorError, indicators, restoreStream } from '../src/index.ts';
import type { Bar } from '../src/stream.ts';
import { assertClose, EXACT, magnitude, type Tolerance } from './helpers/compare.ts';
import { defaults, inputsFor } from './helpers/params.ts';
import { shapes } from './helpers/series.ts';
import { toleranceFor } from './helpers/tolerances.ts';

const CHUNKS = [1, 2, 3, 4, 5, 7, 13, 100, Infinity];
const WASM_TOLERANCE: Tolerance = { rel: 1e-11, inputRel: 1e-13 };

function barAt(inputs: Record<string, Float64Array>, names: readonly string[], i: number): Bar {
  return Object.fromEntries(names.map((name) => [name, inputs[name]![i]!]));
}

function slice(inputs: Record<string, Float64Array>, from: number, to: number): Record<string, Float64Array> {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.subarray(from, to)]));
}

for (const def of indicators) {
  describe(`${def.id}: streaming`, () => {
    const params = defaults(def);
    const n = def.lookback(params) + 400;
    const inputs = inputsFor(def, shapes[1]!.make(n, 21), 21);
    const batch = compute(def.id, inputs, params, { kernel: 'typescript' });
    const wasm = compute(def.id, inputs, params, { kernel: 'wasm-simd' });

    test('fed in chunks of 1, 2, 3, 4, 5, 7, 13, 100 and all bars, equals the batch outputs', () => {
      for (const size of CHUNKS) {
        const stream = createStream(def.id, params);
        const got = def.outputs.map(() => new Float64Array(n));
        for (let from = 0; from < n; from += size) {
          const to = Math.min(n, from + size);
          if (size === 1) {
            const out = stream.update(barAt(inputs, def.inputs, from));
            def.outputs.forEach((o, k) => (got[k]![from] = out[o.name]!));
          } else {
            const out = stream.updateMany(slice(inputs, from, to));
            def.outputs.forEach((o, k) => got[k]!.set(out[o.name]!, from));
          }
        }
        assert.equal(stream.bars, n);
        def.outputs.forEach((o, k) => {
          // The reference kernel is the stream's own fold: exact. The SIMD kernel: its documented tolerance.
          assertClose(got[k]!, batch.outputs[o.name]!, EXACT, `chunk ${size} ${o.name} vs reference`);
          assertClose(got[k]!, wasm.outputs[o.name]!, toleranceFor(def, WASM_TOLERANCE, inputs, params, o.name), `chunk ${size} ${o.name} vs wasm`, magnitude(inputs[def.inputs[0]!]!));
        });
      }
    });

    test('the numeric form (inputs in order, no objects) equals the batch, and peeks without committing', () => {
      const stream = createStream(def.id, params);
      const args = (i: number) => def.inputs.map((name) => inputs[name]![i]!) as [number, ...number[]];
      for (let i = 0; i < n; i++) {
        const peeked = stream.peek(...args(i));
        const peekedAll = Array.from(stream.values);
        const first = stream.update(...args(i));
        assert.ok(Object.is(first, batch.outputs[def.outputs[0]!.name]![i]), `${def.outputs[0]!.name} at ${i}`);
        assert.ok(Object.is(peeked, first), `peek at ${i}`);
        def.outputs.forEach((o, k) => {
          assert.ok(Object.is(stream.values[k], batch.outputs[o.name]![i]), `${o.name} at ${i}`);
          assert.ok(Object.is(peekedAll[k], stream.values[k]), `peeked ${o.name} at ${i}`);
        });
      }
      assert.equal(stream.bars, n);
      assert.deepEqual(stream.outputNames, def.outputs.map((o) => o.name));
    });

    test('the numeric form refuses missing, non-finite and non-number values and commits nothing', () => {
      const stream = createStream(def.id, params);
      stream.updateMany(slice(inputs, 0, 50));
      const before = JSON.stringify(stream.snapshot());
      const good = def.inputs.map((name) => inputs[name]![50]!);
      const last = def.inputs.length - 1;
      const lastName = def.inputs[last]!;
      const cases: [unknown[], string, string][] = [
        [good.map((v, j) => (j === last ? NaN : v)), 'NON_FINITE_INPUT', `bar.${lastName}`],
        [good.map((v, j) => (j === last ? -Infinity : v)), 'NON_FINITE_INPUT', `bar.${lastName}`],
        [good.map((v, j) => (j === last ? '1' : v)), 'NON_FINITE_INPUT', `bar.${lastName}`],
      ];
      if (def.inputs.length > 1) cases.push([good.slice(0, last), 'MISSING_INPUT', `bar.${lastName}`]);
      for (const [values, code, path] of cases) {
        for (const call of [() => stream.update(...(values as [number])), () => stream.peek(...(values as [number]))]) {
          assert.throws(call, (err: unknown) => err instanceof IndicatorError && err.code === code && err.path === path, `${code} ${path}`);
        }
        assert.equal(JSON.stringify(stream.snapshot()), before);
      }
    });

    test('a batch call seeds a stream that continues exactly', () => {
      const cut = Math.floor(n / 2);
      const seeded = compute(def.id, slice(inputs, 0, cut), params, { withStream: true });
      const stream = seeded.stream!;
      assert.equal(stream.bars, cut);
      for (let i = cut; i < n; i++) {
        const out = stream.update(barAt(inputs, def.inputs, i));
        for (const o of def.outputs) assert.ok(Object.is(out[o.name], batch.outputs[o.name]![i]), `${o.name} at ${i}`);
      }
    });

    test('peek never changes the state', () => {
      const stream = createStream(def.id, params);
      stream.updateMany(slice(inputs, 0, n - 10));
      for (let i = n - 10; i < n; i++) {
        const before = JSON.stringify(stream.snapshot());
        const forming = barAt(inputs, def.inputs, i);
        const peeked = stream.peek(forming);
        stream.peek(barAt(inputs, def.inputs, 3)); // the forming bar at another price
        assert.equal(JSON.stringify(stream.snapshot()), before);
        const committed = stream.update(forming);
        assert.deepEqual(committed, peeked, 'the peeked outputs are what committing the bar gives');
        for (const o of def.outputs) assert.ok(Object.is(committed[o.name], batch.outputs[o.name]![i]));
      }
    });

    test('snapshot and restore mid-series continue identically, also through JSON', () => {
      for (const cut of [0, 1, def.lookback(params), def.lookback(params) + 1, Math.floor(n / 3)]) {
        const stream = createStream(def.id, params);
        if (cut > 0) stream.updateMany(slice(inputs, 0, cut));
        const resumed = restoreStream(JSON.parse(JSON.stringify(stream.snapshot())));
        assert.equal(resumed.bars, cut);
        for (let i = cut; i < n; i++) {
          const a = stream.update(barAt(inputs, def.inputs, i));
          const b = resumed.update(barAt(inputs, def.inputs, i));
          assert.deepEqual(b, a, `bar ${i} after restoring at ${cut}`);
        }
      }
    });

    test('bad bars are rejected with a typed error and leave the state untouched', () => {
      const stream = createStream(def.id, params);
      stream.updateMany(slice(inputs, 0, 50));
      const before = JSON.stringify(stream.snapshot());
      const good = barAt(inputs, def.inputs, 50);
      const first = def.inputs[0]!;
      const bad: [unknown, string, string][] = [
        [{ ...good, [first]: NaN }, 'NON_FINITE_INPUT', `bar.${first}`],
        [{ ...good, [first]: Infinity }, 'NON_FINITE_INPUT', `bar.${first}`],
        [{ ...good, [first]: '101.5' }, 'NON_FINITE_INPUT', `bar.${first}`],
        [Object.fromEntries(Object.entries(good).filter(([k]) => k !== first)), 'MISSING_INPUT', `bar.${first}`],
        [{ ...good, open2: 1 }, 'UNEXPECTED_INPUT', 'bar.open2'],
        [null, 'INVALID_BAR', 'bar'],
      ];
      for (const [b, code, path] of bad) {
        for (const call of [() => stream.update(b as Bar), () => stream.peek(b as Bar)]) {
          assert.throws(call, (err: unknown) => err instanceof IndicatorError && err.code === code && err.path === path);
        }
        assert.equal(JSON.stringify(stream.snapshot()), before);
      }
      const chunk = slice(inputs, 50, 60);
      const poisoned = Object.fromEntries(Object.entries(chunk).map(([k, v]) => [k, Float64Array.from(v, (x, i) => (i === 7 ? NaN : x))]));
      assert.throws(() => stream.updateMany(poisoned), (err: unknown) => err instanceof IndicatorError && err.code === 'NON_FINITE_INPUT');
      assert.equal(JSON.stringify(stream.snapshot()), before, 'a rejected chunk commits nothing');
    });
  });
}

test('restoreStream rejects snapshots that do not fit the indicator', () => {
  const snap = createStream('sma', { period: 5 }).snapshot();
  const cases: [unknown, string][] = [
    [{ ...snap, version: 2 }, 'snapshot'],
    [{ ...snap, state: { ...snap.state, total: 'x' } }, 'snapshot.state.total'],
    [{ ...snap, state: { ...snap.state, window: [1, 2] } }, 'snapshot.state.window'],
    [{ ...snap, state: { ...snap.state, extra: 1 } }, 'snapshot.state.extra'],
    [{ ...snap, bars: -1 }, 'snapshot.bars'],
  ];
  for (const [bad, path] of cases) {
    assert.throws(() => restoreStream(bad as never), (err: unknown) => err instanceof IndicatorError && err.path === path, path);
  }
  assert.throws(() => restoreStream({ ...snap, id: 'nope' }), (err: unknown) => err instanceof IndicatorError && err.code === 'UNKNOWN_INDICATOR');
  assert.throws(() => restoreStream({ ...snap, params: { period: 1 } }), (err: unknown) => err instanceof IndicatorError && err.code === 'PARAM_OUT_OF_RANGE');
});
