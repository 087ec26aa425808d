// MAVP against TA-Lib where the generic golden tests do not look: periods at the edges of C's int
// conversion, each period's MA starting late (from MAVP's first output), the stream under every MA
// type over a wide period range, the refusals (minPeriod above maxPeriod, non-finite periods), and
// the stream's state size, which grows with the period range.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compute, createStream, getIndicator, IndicatorError, restoreStream, streamStateBytes } from '../src/index.ts';
import { MA_MAX_PERIOD, MA_MAMA, MA_TYPE_NAMES, maTypeLookback } from '../src/reference/ma.ts';
import { mavpHistory, mavpPeriod, mavpSlots } from '../src/reference/mavp.ts';
import type { Params } from '../src/types.ts';
import { assertClose, EXACT } from './helpers/compare.ts';
import { talib, talibOutputs } from './helpers/oracle.ts';
import { hilbertTolerance } from './helpers/hilbert.ts';
import { periodSeries, rng, shapes } from './helpers/series.ts';

const def = getIndicator('mavp');
const KERNELS = ['typescript', 'wasm-simd'] as const;

/** Exact, except MAMA (type 7), whose values depend on libm trigonometry as the mama indicator's do. */
function tolerance(inputs: Record<string, Float64Array>, params: Params) {
  return params.maType === MA_MAMA ? hilbertTolerance(getIndicator('mama'), EXACT, { close: inputs.close! }, { fastLimit: 0.5, slowLimit: 0.05 }, 'mama') : EXACT;
}

/** Batch (both kernels) and stream all equal TA-Lib's MAVP. */
function checkAll(inputs: Record<string, Float64Array>, params: Params, label: string): void {
  const expected = talibOutputs(def, inputs, params)[0]!;
  const tol = tolerance(inputs, params);
  for (const kernel of KERNELS) assertClose(compute('mavp', inputs, params, { kernel }).outputs.mavp!, expected, tol, `${label} ${kernel}`);
  const stream = createStream('mavp', params);
  assertClose(stream.updateMany(inputs).mavp!, expected, tol, `${label} stream`);
}

describe('mavp: TA-Lib quirks', () => {
  test('periods are truncated toward zero, then clamped; outside the int range they become INT_MIN, so minPeriod (x86)', () => {
    assert.deepEqual(
      [2.9, 5.999999, 6, -0.5, 0, -7, 31, 1e10, -1e10, 2 ** 31, 2 ** 31 - 0.5, -(2 ** 31), -(2 ** 31) - 0.5, -(2 ** 31) - 1].map((v) => mavpPeriod(v, 3, 30)),
      [3, 5, 6, 3, 3, 3, 30, 3, 3, 3, 30, 3, 3, 3],
    );
    // The same through TA-Lib: each edge value as a constant period series.
    const n = 80;
    const close = shapes[1]!.make(n, 4);
    for (const v of [1e10, 2 ** 31, 2 ** 31 - 0.5, -(2 ** 31) - 1, 2147483647, 5.5, -3]) {
      checkAll({ close, periods: new Float64Array(n).fill(v) }, { minPeriod: 3, maxPeriod: 30, maType: 0 }, `period ${v}`);
    }
  });

  test('every period\'s MA starts from MAVP\'s first output: a shorter EMA is TA-Lib\'s MA from that bar, not the ma indicator\'s', () => {
    const n = 300;
    const close = shapes[0]!.make(n, 9);
    const params = { minPeriod: 2, maxPeriod: 40, maType: 1 };
    const lookback = maTypeLookback(1, 40);
    const periods = new Float64Array(n).fill(10);
    const ours = compute('mavp', { close, periods }, params).outputs.mavp!;
    const res = talib.execute({ name: 'MA', startIdx: lookback, endIdx: n - 1, inReal: Array.from(close), optInTimePeriod: 10, optInMAType: 1 });
    assert.equal(res.begIndex, lookback);
    for (let i = 0; i < res.nbElement; i++) assert.equal(ours[lookback + i], res.result.outReal![i], `bar ${lookback + i}`);
    const alone = compute('ma', { close }, { period: 10, maType: 1 }).outputs.ma!;
    assert.notEqual(ours[lookback], alone[lookback], 'the EMA seeded at bar lookback - 9 differs from the one seeded at bar 0');
  });

  test('minPeriod == maxPeriod is one fixed period; minPeriod above maxPeriod and periods above 46340 are parameter errors', () => {
    const n = 200;
    const close = shapes[0]!.make(n, 2);
    checkAll({ close, periods: periodSeries(n, 2) }, { minPeriod: 17, maxPeriod: 17, maType: 2 }, 'min == max');
    const inputs = { close, periods: periodSeries(n, 2) };
    const refused = (path: string) => (err: unknown) => err instanceof IndicatorError && err.code === 'PARAM_OUT_OF_RANGE' && err.path === path;
    assert.throws(() => compute('mavp', inputs, { minPeriod: 31, maxPeriod: 30 }), refused('params.minPeriod'));
    assert.throws(() => createStream('mavp', { minPeriod: 10, maxPeriod: 9 }), refused('params.minPeriod'));
    assert.throws(() => compute('mavp', inputs, { maxPeriod: MA_MAX_PERIOD + 1 }), refused('params.maxPeriod'));
    assert.throws(() => compute('mavp', inputs, { minPeriod: 1 }), refused('params.minPeriod'));
  });

  test('non-finite periods get NON_FINITE_INPUT from every kernel and the stream', () => {
    const n = 60;
    const close = shapes[0]!.make(n, 3);
    for (const bad of [NaN, Infinity, -Infinity]) {
      const periods = new Float64Array(n).fill(10);
      periods[45] = bad;
      for (const kernel of KERNELS) {
        assert.throws(
          () => compute('mavp', { close, periods }, {}, { kernel }),
          (err: unknown) => err instanceof IndicatorError && err.code === 'NON_FINITE_INPUT' && err.path.startsWith('inputs.periods'),
          `${bad} ${kernel}`,
        );
      }
      const stream = createStream('mavp');
      assert.throws(() => stream.update({ close: 100, periods: bad }), (err: unknown) => err instanceof IndicatorError && err.code === 'NON_FINITE_INPUT' && err.path === 'bar.periods');
      assert.throws(() => stream.update(100, bad), (err: unknown) => err instanceof IndicatorError && err.code === 'NON_FINITE_INPUT');
      assert.equal(stream.bars, 0, 'a refused bar commits nothing');
    }
  });
});

describe('mavp: every MA type over a wide period range', () => {
  for (let type = 0; type <= 8; type++) {
    test(`${type} (${MA_TYPE_NAMES[type]}): batch, WebAssembly and stream equal TA-Lib, periods changing every bar across 2..120`, () => {
      const params = { minPeriod: 2, maxPeriod: 120, maType: type };
      const n = def.lookback(params) + 700;
      const r = rng(type + 1);
      for (const shape of shapes.slice(0, 4)) {
        const close = shape.make(n, type + 5);
        const periods = Float64Array.from({ length: n }, () => -5 + r() * 135);
        checkAll({ close, periods }, params, `${shape.name}`);
      }
    });
  }
});

describe('mavp: the stream', () => {
  test('its state is the period range\'s running numbers plus the inputs it reads back, and stateBytes counts them', () => {
    for (let type = 0; type <= 8; type++) {
      for (const [min, max] of [[2, 30], [2, 2], [40, 500]] as const) {
        const params = { minPeriod: min, maxPeriod: max, maType: type };
        const numbers = type === MA_MAMA ? 1 + (createStream('mavp', params).snapshot().state.acc as number[]).length : 1 + mavpHistory(type, max) + (max - min + 1) * mavpSlots(type);
        assert.equal(streamStateBytes('mavp', params), 512 + 8 * numbers, `${MA_TYPE_NAMES[type]} ${min}..${max}`);
        assert.equal(createStream('mavp', params).stateBytes, streamStateBytes('mavp', params));
      }
    }
    // The widest: T3 from 2 to 46340 holds 6 numbers per period, about 2.2 MB.
    const widest = streamStateBytes('mavp', { minPeriod: 2, maxPeriod: MA_MAX_PERIOD, maType: 8 });
    assert.equal(widest, 512 + 8 * (1 + (MA_MAX_PERIOD - 1) * 6));
    assert.ok(widest > 2_000_000 && widest < 2_300_000, `${widest}`);
    // MAMA ignores the period: one state whatever the range.
    assert.equal(streamStateBytes('mavp', { minPeriod: 2, maxPeriod: MA_MAX_PERIOD, maType: MA_MAMA }), streamStateBytes('mavp', { minPeriod: 2, maxPeriod: 3, maType: MA_MAMA }));
  });

  test('a snapshot taken anywhere resumes exactly, under every type, over a wide range', () => {
    for (let type = 0; type <= 8; type++) {
      const params = { minPeriod: 3, maxPeriod: 90, maType: type };
      const n = def.lookback(params) + 400;
      const close = shapes[1]!.make(n, 30 + type);
      const periods = periodSeries(n, 30 + type);
      const whole = createStream('mavp', params).updateMany({ close, periods }).mavp!;
      for (const cut of [1, def.lookback(params) - 1, def.lookback(params), def.lookback(params) + 57]) {
        const first = createStream('mavp', params);
        first.updateMany({ close: close.subarray(0, cut), periods: periods.subarray(0, cut) });
        const resumed = restoreStream(JSON.parse(JSON.stringify(first.snapshot())));
        const rest = resumed.updateMany({ close: close.subarray(cut), periods: periods.subarray(cut) }).mavp!;
        assert.deepEqual(Array.from(rest), Array.from(whole.subarray(cut)), `${MA_TYPE_NAMES[type]} cut ${cut}`);
      }
    }
  });

  test('a running number of a period that has not started yet is refused on restore', () => {
    const params = { minPeriod: 2, maxPeriod: 30, maType: 0 };
    const stream = createStream('mavp', params);
    stream.updateMany({ close: shapes[0]!.make(5, 1), periods: periodSeries(5, 1) });
    const snap = stream.snapshot();
    // Period 2's SMA starts at bar 28: after 5 bars its total is still 0.
    const acc = (snap.state.acc as number[]).slice();
    acc[0] = 1;
    assert.throws(() => restoreStream({ ...snap, state: { ...snap.state, acc } }), (err: unknown) => err instanceof IndicatorError && err.code === 'INVALID_STATE' && err.path === 'snapshot.state.acc');
  });
});
