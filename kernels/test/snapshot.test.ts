// Restoring snapshots: every state a stream reaches restores (the invariants hold for reachable
// states), and every tampering generated from the indicator's state spec is refused with
// INVALID_STATE naming the field: values out of bounds, fractional or negative counters, wrong array
// lengths, non-numbers, prototype keys, missing keys, and another indicator's state. States that
// pass the checks (random values within the spec) update without throwing or hanging.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createStream, IndicatorError, indicators, restoreStream } from '../src/index.ts';
import type { StreamSnapshot } from '../src/stream.ts';
import type { FieldSpec } from '../src/state.ts';
import type { IndicatorDefinition, Params } from '../src/types.ts';
import { boundaryParams, defaults, inputsFor, randomParams } from './helpers/params.ts';
import { rng, shapes } from './helpers/series.ts';

/** Indicators whose states mean the same thing, so one's snapshot is a valid state of the other. */
const SHARED_STATE: readonly (readonly string[])[] = [
  ['apo', 'ppo'],
  ['atr', 'natr'],
  ['aroon', 'aroonosc'],
  // A window of the period's values (IMI's: close - open) and a bar count.
  ['avgdev', 'imi', 'linearreg', 'linearreg_angle', 'linearreg_intercept', 'linearreg_slope', 'tsf'],
  // Stateless but for the bar count.
  ['avgprice', 'bop', 'medprice', 'typprice', 'wclprice'],
  ['bbands', 'stddev', 'var'],
  ['cmo', 'rsi'],
  ['macd', 'macdfix'],
  ['max', 'maxindex', 'midpoint', 'min', 'minindex', 'minmax', 'minmaxindex'],
  ['midprice', 'willr'],
  ['mom', 'roc', 'rocp', 'rocr', 'rocr100'],
  ['sma', 'sum'],
  ['ht_dcphase', 'ht_sine'],
];

function sameStateKind(a: string, b: string): boolean {
  return a === b || SHARED_STATE.some((group) => group.includes(a) && group.includes(b));
}

function isInvalidState(field: string) {
  return (err: unknown) => {
    assert.ok(err instanceof IndicatorError, `expected an IndicatorError, got ${String(err)}`);
    assert.equal(err.code, 'INVALID_STATE', err.message);
    assert.equal(err.path, `snapshot.state.${field}`, err.message);
    return true;
  };
}

/** Live snapshots after various numbers of bars (empty, warming up, at and past the lookback, long). */
function liveSnapshots(def: IndicatorDefinition, params: Params, seed: number): StreamSnapshot[] {
  const lb = def.lookback(params);
  const n = lb + 1300;
  const inputs = inputsFor(def, shapes[seed % shapes.length]!.make(n, seed), seed);
  const cuts = [...new Set([0, 1, 2, Math.floor(lb / 2), lb - 1, lb, lb + 1, lb + 2, lb + 37, n])].filter((c) => c >= 0 && c <= n);
  return cuts.map((cut) => {
    const stream = createStream(def.id, params);
    if (cut > 0) stream.updateMany(Object.fromEntries(def.inputs.map((name) => [name, inputs[name]!.subarray(0, cut)])));
    return JSON.parse(JSON.stringify(stream.snapshot())) as StreamSnapshot;
  });
}

/** Values a field of this spec must refuse (JSON-able, as a client could send them; 1e400 parses to Infinity). */
function badValues(spec: FieldSpec): { value: unknown; why: string }[] {
  const scalarBad = [
    { value: null, why: 'null' },
    { value: '1', why: 'a string' },
    { value: JSON.parse('1e400'), why: 'Infinity' },
    { value: [0], why: 'an array' },
    { value: {}, why: 'an object' },
  ];
  if (spec.kind === 'int') {
    return [
      ...scalarBad,
      { value: spec.min - 1, why: 'below the minimum' },
      ...(spec.max < Number.MAX_SAFE_INTEGER ? [{ value: spec.max + 1, why: 'above the maximum' }] : [{ value: 2 ** 60, why: 'past 2^53' }]),
      { value: spec.min + 0.5, why: 'fractional' },
    ];
  }
  if (spec.kind === 'real') {
    return [
      ...scalarBad,
      ...(spec.min > -Infinity ? [{ value: spec.min - 1, why: 'below the minimum' }] : []),
      ...(spec.max < Infinity ? [{ value: spec.max + 1, why: 'above the maximum' }] : []),
    ];
  }
  const fill = spec.min > -Infinity ? spec.min : 0;
  const arr = (length: number) => new Array<number>(length).fill(fill);
  const bad: { value: unknown; why: string }[] = [
    { value: 5, why: 'a number' },
    { value: null, why: 'null' },
    { value: arr(spec.length + 1), why: 'one element too many' },
    ...(spec.length > 0 ? [{ value: arr(spec.length - 1), why: 'one element too few' }] : []),
  ];
  if (spec.length > 0) {
    for (const [e, why] of [[null, 'a null element'], ['1', 'a string element'], [JSON.parse('1e400'), 'an infinite element']] as const) {
      const a: unknown[] = arr(spec.length);
      a[spec.length - 1] = e;
      bad.push({ value: a, why });
    }
    if (spec.kind === 'ints') bad.push({ value: Object.assign(arr(spec.length), { 0: fill + 0.5 }), why: 'a fractional element' });
    if (spec.min > -Infinity) bad.push({ value: Object.assign(arr(spec.length), { 0: spec.min - 1 }), why: 'an element below the minimum' });
    if (spec.max < Infinity) bad.push({ value: Object.assign(arr(spec.length), { 0: spec.max + 1 }), why: 'an element above the maximum' });
  }
  return bad;
}

/** A random value within a field's spec (so the state passes the field checks; relations may still refuse it). */
function randomValue(spec: FieldSpec, r: () => number): number | number[] {
  const within = (min: number, max: number, integer: boolean) => {
    const lo = Math.max(min, -1e6);
    const hi = Math.min(max, 1e6);
    const v = lo + (hi - lo) * r();
    return integer ? Math.round(v) : v;
  };
  if (spec.kind === 'int' || spec.kind === 'real') return r() < 0.2 ? Math.max(spec.min, Math.min(spec.max, 0)) : within(spec.min, spec.max, spec.kind === 'int');
  return Array.from({ length: spec.length }, () => within(spec.min, spec.max, spec.kind === 'ints'));
}

for (const def of indicators) {
  describe(`${def.id}: snapshot invariants`, () => {
    test('every state a stream reaches restores and continues identically (defaults, bounds, random parameters)', () => {
      const r = rng(7);
      const sets = [...boundaryParams(def), randomParams(def, r), randomParams(def, r)].filter((p) => def.lookback(p) < 5000);
      sets.forEach((params, i) => {
        for (const snap of liveSnapshots(def, params, i + 1)) {
          const resumed = restoreStream(snap);
          const original = restoreStream(snap);
          const bar = Object.fromEntries(def.inputs.map((name) => [name, 100 + i]));
          assert.deepEqual(resumed.update(bar), original.update(bar));
        }
      });
    });

    test('each field, tampered as a client could send it, is refused naming the field', () => {
      const params = defaults(def);
      const snaps = liveSnapshots(def, params, 3);
      const base = snaps[snaps.length - 1]!;
      const spec = def.stream.spec(params);
      for (const [field, fieldSpec] of Object.entries(spec)) {
        for (const { value, why } of badValues(fieldSpec)) {
          const bad = { ...base, state: { ...base.state, [field]: value } };
          assert.throws(() => restoreStream(bad as never), isInvalidState(field), `${field} ${why}`);
        }
        const { [field]: _, ...without } = base.state;
        assert.throws(() => restoreStream({ ...base, state: without } as never), isInvalidState(field), `${field} missing`);
      }
    });

    test('a count of bars seen above the bars committed is refused', () => {
      const params = defaults(def);
      const spec = def.stream.spec(params);
      for (const snap of liveSnapshots(def, params, 8).slice(0, 4)) {
        for (const [field, s] of Object.entries(spec)) {
          if (s.kind !== 'int' || s.bars === undefined) continue;
          const value = snap.bars + s.bars + 1;
          if (value > s.max) continue;
          assert.throws(() => restoreStream({ ...snap, state: { ...snap.state, [field]: value } }), isInvalidState(field), `${field} = ${value} after ${snap.bars} bars`);
        }
      }
    });

    test('keys outside the state, prototype keys included, are refused and never looked up', () => {
      const base = liveSnapshots(def, defaults(def), 4)[3]!;
      for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'extra']) {
        // JSON.parse makes "__proto__" an own key, as a client's message would.
        const text = JSON.stringify(base).replace('"state":{', `"state":{"${key}":1,`);
        assert.throws(() => restoreStream(JSON.parse(text) as never), isInvalidState(key), key);
      }
      assert.throws(() => restoreStream({ ...base, state: [] as never }), (err: unknown) => err instanceof IndicatorError && err.code === 'INVALID_STATE');
      assert.throws(() => restoreStream({ ...base, bars: 1.5 }), (err: unknown) => err instanceof IndicatorError && err.path === 'snapshot.bars');
    });

    test("another indicator's state is refused unless the two states mean the same", () => {
      for (const other of indicators) {
        if (sameStateKind(def.id, other.id)) continue;
        const otherParams = defaults(other);
        for (const snap of liveSnapshots(other, otherParams, 5).slice(-2)) {
          const forged = { version: 1 as const, id: def.id, params: defaults(def), bars: snap.bars, state: snap.state };
          assert.throws(() => restoreStream(forged), (err: unknown) => err instanceof IndicatorError && err.code === 'INVALID_STATE', `${other.id}'s state restored as ${def.id}`);
        }
      }
    });

    test('random states within the spec are refused or update without throwing, in bounded time', () => {
      const params = defaults(def);
      const spec = def.stream.spec(params);
      const r = rng(11);
      const live = liveSnapshots(def, params, 6);
      const fields = Object.keys(spec);
      let accepted = 0;
      for (let trial = 0; trial < 300; trial++) {
        // Half entirely random; half a live state with one or two fields (or array elements) changed.
        let state: Record<string, number | number[]>;
        if (trial % 2 === 0) {
          state = Object.fromEntries(Object.entries(spec).map(([k, s]) => [k, randomValue(s, r)]));
        } else {
          state = structuredClone(live[Math.floor(r() * live.length)]!.state);
          for (let m = 0; m < 1 + Math.floor(r() * 2); m++) {
            const field = fields[Math.floor(r() * fields.length)]!;
            const v = randomValue(spec[field]!, r);
            const old = state[field]!;
            if (Array.isArray(old) && Array.isArray(v) && old.length > 0) {
              const i = Math.floor(r() * old.length);
              old[i] = v[i]!;
            } else {
              state[field] = v;
            }
          }
        }
        let stream: ReturnType<typeof restoreStream>;
        try {
          stream = restoreStream({ version: 1, id: def.id, params, bars: 10, state });
        } catch (err) {
          assert.ok(err instanceof IndicatorError && err.code === 'INVALID_STATE', String(err));
          continue;
        }
        accepted++;
        const started = performance.now();
        for (let i = 0; i < 200; i++) {
          const out: Record<string, number> = stream.update(Object.fromEntries(def.inputs.map((name) => [name, 100 + Math.sin(i)])));
          for (const v of Object.values(out)) assert.equal(typeof v, 'number');
        }
        // A hang detector, not a speed target: 200 updates take microseconds.
        assert.ok(performance.now() - started < 2000, 'updates after a restore must not stall');
      }
      if (process.env.SNAPSHOT_STATS) console.log(`${def.id}: ${accepted} of 300 random states accepted`);
    });
  });
}
