// Rolling extremes on series full of ties: TA-Lib's choice of index among equal values (the newest
// when it arrives, the earliest after a rescan) is reproduced by the stream's rescans and by the
// WebAssembly kernel's deque, on both sides of the deque's capacity (where the kernel rescans).
import { test } from 'node:test';
import { compute, getIndicator } from '../src/index.ts';
import { assertClose, EXACT } from './helpers/compare.ts';
import { talibOutputs } from './helpers/oracle.ts';
import { rng } from './helpers/series.ts';

const IDS = ['max', 'min', 'maxindex', 'minindex', 'minmax', 'minmaxindex', 'midpoint'];
/** DEQUE_CAPACITY of assembly/lib/extremes.ts. */
const DEQUE_CAPACITY = 16_384;

/** Values from a few levels, in runs: every window holds many equal extremes. */
function tiedSeries(n: number, levels: number, seed: number): Float64Array {
  const r = rng(seed);
  const x = new Float64Array(n);
  for (let i = 0; i < n; ) {
    const v = 100 + Math.floor(r() * levels);
    const run = 1 + Math.floor(r() * 4);
    for (let j = 0; j < run && i < n; j++) x[i++] = v;
  }
  return x;
}

function check(id: string, close: Float64Array, period: number): void {
  const def = getIndicator(id);
  const expected = talibOutputs(def, { close }, { period });
  for (const kernel of ['typescript', 'wasm-simd'] as const) {
    const r = compute(id, { close }, { period }, { kernel });
    def.outputs.forEach((o, k) => assertClose(r.outputs[o.name]!, expected[k]!, EXACT, `${id} period ${period} ${kernel} ${o.name}`));
  }
}

test('ties among a few levels, short windows: indexes and values equal TA-Lib exactly', () => {
  for (const id of IDS) {
    for (const period of [2, 3, 5, 8, 30]) {
      for (const levels of [2, 3, 10]) check(id, tiedSeries(2_000, levels, period * 31 + levels), period);
    }
  }
});

test('windows at and just past the deque capacity (deque, then rescans) equal TA-Lib exactly', () => {
  for (const id of ['maxindex', 'minindex', 'midpoint']) {
    for (const period of [DEQUE_CAPACITY, DEQUE_CAPACITY + 1]) check(id, tiedSeries(DEQUE_CAPACITY + 3_000, 3, period), period);
  }
});

/** BLOCK_WINDOW_MAX of assembly/lib/extremes.ts: the extremes and their bars are taken by blocks up to this window. */
const BLOCK_WINDOW_MAX = 4_096;

test('WILLR by blocks: ties, block boundaries, windows at and just past the block limit equal TA-Lib exactly', () => {
  const def = getIndicator('willr');
  const cases: [number, number][] = [[2, 500], [3, 500], [14, 2_000], [31, 2_000], [BLOCK_WINDOW_MAX - 1, 3 * BLOCK_WINDOW_MAX + 5], [BLOCK_WINDOW_MAX, 2 * BLOCK_WINDOW_MAX + 1], [BLOCK_WINDOW_MAX + 1, 2 * BLOCK_WINDOW_MAX + 3]];
  for (const [period, n] of cases) {
    const close = tiedSeries(n, 4, period);
    const up = tiedSeries(n, 3, period + 1);
    const down = tiedSeries(n, 3, period + 2);
    const high = close.map((v, i) => v + up[i]! - 99);
    const low = close.map((v, i) => v - down[i]! + 99);
    const inputs = { high, low, close };
    const expected = talibOutputs(def, inputs, { period });
    for (const kernel of ['typescript', 'wasm-simd'] as const) {
      const r = compute('willr', inputs, { period }, { kernel });
      assertClose(r.outputs.willr!, expected[0]!, EXACT, `willr period ${period} n ${n} ${kernel}`);
    }
  }
});

/** Bar series around `close` whose highs and lows tie often (a few levels, in runs). */
function tiedBars(n: number, seed: number): { high: Float64Array; low: Float64Array; close: Float64Array } {
  const close = tiedSeries(n, 4, seed);
  const up = tiedSeries(n, 3, seed + 1);
  const down = tiedSeries(n, 3, seed + 2);
  return { high: close.map((v, i) => v + up[i]! - 99), low: close.map((v, i) => v - down[i]! + 99), close };
}

test('MAX, MIN, MINMAX, MIDPOINT, MIDPRICE, STOCH, STOCHF by blocks: ties, block boundaries, windows at and past the block limit equal TA-Lib exactly', () => {
  const cases: [number, number][] = [[1, 50], [2, 500], [3, 500], [14, 2_000], [31, 2_000], [BLOCK_WINDOW_MAX - 1, 3 * BLOCK_WINDOW_MAX + 5], [BLOCK_WINDOW_MAX, 2 * BLOCK_WINDOW_MAX + 1], [BLOCK_WINDOW_MAX + 1, 2 * BLOCK_WINDOW_MAX + 3]];
  for (const [period, n] of cases) {
    if (period >= 2) for (const id of ['max', 'min', 'minmax', 'midpoint']) check(id, tiedSeries(n, 3, period), period);
    const bars = tiedBars(n, period);
    if (period >= 2) {
      const def = getIndicator('midprice');
      const expected = talibOutputs(def, bars, { period });
      for (const kernel of ['typescript', 'wasm-simd'] as const) {
        assertClose(compute('midprice', { high: bars.high, low: bars.low }, { period }, { kernel }).outputs.midprice!, expected[0]!, EXACT, `midprice period ${period} n ${n} ${kernel}`);
      }
    }
    for (const [id, params] of [['stoch', { fastK: period, slowK: 3, slowD: 3 }], ['stochf', { fastK: period, fastD: 3 }]] as const) {
      const def = getIndicator(id);
      // The %K averages re-sum every so often (TA-Lib's running sums never do): TA-Lib within 1e-9,
      // the two kernels bit for bit.
      const expected = talibOutputs(def, bars, params);
      const reference = compute(id, bars, params, { kernel: 'typescript' });
      const wasm = compute(id, bars, params, { kernel: 'wasm-simd' });
      def.outputs.forEach((o, k) => {
        assertClose(reference.outputs[o.name]!, expected[k]!, { rel: 1e-9 }, `${id} period ${period} n ${n} typescript ${o.name}`);
        assertClose(wasm.outputs[o.name]!, reference.outputs[o.name]!, EXACT, `${id} period ${period} n ${n} wasm-simd ${o.name}`);
      });
    }
  }
});

test('AROON, AROONOSC, MAXINDEX, MININDEX, MINMAXINDEX by blocks: ties, block boundaries, windows at and past the block limit equal TA-Lib exactly', () => {
  // AROON's window is period + 1 bars, the index forms' period bars.
  const cases: [number, number][] = [[2, 500], [3, 500], [14, 2_000], [25, 2_000], [BLOCK_WINDOW_MAX - 1, 3 * BLOCK_WINDOW_MAX + 5], [BLOCK_WINDOW_MAX, 2 * BLOCK_WINDOW_MAX + 1], [BLOCK_WINDOW_MAX + 1, 2 * BLOCK_WINDOW_MAX + 3]];
  for (const [period, n] of cases) {
    const bars = tiedBars(n, period + 5);
    for (const id of ['aroon', 'aroonosc']) {
      const def = getIndicator(id);
      const inputs = { high: bars.high, low: bars.low };
      const expected = talibOutputs(def, inputs, { period });
      for (const kernel of ['typescript', 'wasm-simd'] as const) {
        const r = compute(id, inputs, { period }, { kernel });
        def.outputs.forEach((o, k) => assertClose(r.outputs[o.name]!, expected[k]!, EXACT, `${id} period ${period} n ${n} ${kernel} ${o.name}`));
      }
    }
    for (const id of ['maxindex', 'minindex', 'minmaxindex']) check(id, bars.close, period);
  }
});

function assertSameBits(actual: Float64Array, expected: Float64Array, label: string): void {
  const show = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) throw new Error(`${label} index ${i}: expected ${show(expected[i]!)}, got ${show(actual[i]!)}`);
  }
}

/** Series of -0, +0, -1 and 1: every window ties between zeros of both signs. */
function signedZeros(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const levels = [-0, 0, -1, 1];
  return Float64Array.from({ length: n }, () => levels[Math.floor(r() * levels.length)]!);
}

test('signed zeros: MAX, MIN, MINMAX, MIDPOINT, MIDPRICE keep the sign of zero TA-Lib keeps, in both kernels (the WebAssembly kernel leaves the blocks for such series)', () => {
  const x = signedZeros(3_000, 7);
  for (const id of ['max', 'min', 'minmax', 'midpoint']) {
    for (const period of [2, 5, 30]) {
      const def = getIndicator(id);
      const expected = talibOutputs(def, { close: x }, { period });
      for (const kernel of ['typescript', 'wasm-simd'] as const) {
        const got = compute(id, { close: x }, { period }, { kernel });
        def.outputs.forEach((o, k) => assertSameBits(got.outputs[o.name]!, expected[k]!, `${id} period ${period} ${kernel} ${o.name}`));
      }
    }
  }
  // MIDPRICE, whose TA-Lib rescans each window and keeps its first extremes, also on windows past the deque.
  const high = signedZeros(DEQUE_CAPACITY + 2_000, 8);
  const low = signedZeros(DEQUE_CAPACITY + 2_000, 9);
  const def = getIndicator('midprice');
  for (const period of [2, 5, 30, DEQUE_CAPACITY + 1]) {
    const expected = talibOutputs(def, { high, low }, { period });
    for (const kernel of ['typescript', 'wasm-simd'] as const) {
      assertSameBits(compute('midprice', { high, low }, { period }, { kernel }).outputs.midprice!, expected[0]!, `midprice period ${period} ${kernel}`);
    }
  }
  const expected = talibOutputs(getIndicator('midpoint'), { close: high }, { period: DEQUE_CAPACITY + 1 });
  for (const kernel of ['typescript', 'wasm-simd'] as const) {
    assertSameBits(compute('midpoint', { close: high }, { period: DEQUE_CAPACITY + 1 }, { kernel }).outputs.midpoint!, expected[0]!, `midpoint period ${DEQUE_CAPACITY + 1} ${kernel}`);
  }
});
