// VWAP is not in TA-Lib: both kernels against a direct implementation of its definition (per-window
// sums, written independently of the running-sum kernels), on OHLCV data with zero-volume stretches.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compute, createStream } from '../src/index.ts';
import { resumInterval } from '../src/reference/common.ts';
import { ohlcv, rng, shapes } from './helpers/series.ts';

const EPS = 2 ** -52;
type Ohlcv = ReturnType<typeof ohlcv>;

/** OHLCV bars whose volume is 0 on random stretches (1 to 60 bars), from the first bar on; some volumes fractional. */
function withQuietStretches(n: number, seed: number, shape = 1): Ohlcv {
  const bars = ohlcv(shapes[shape]!.make(n, seed), seed);
  const r = rng(seed * 31 + 7);
  const v = bars.volume;
  v.fill(0, 0, 25);
  for (let i = 25; i < n; i++) {
    const u = r();
    if (u < 0.02) {
      const len = 1 + Math.floor(r() * 60);
      v.fill(0, i, Math.min(n, i + len));
      i += len;
    } else if (u < 0.2) {
      v[i] = v[i]! * 0.37; // fractional volumes: the volume sum is no longer exact
    }
  }
  return bars;
}

/** The definition, directly: for each bar, the window's sums formed from scratch. */
function directVwap(b: Ohlcv, period: number): { vwap: Float64Array; pvScale: Float64Array; volScale: Float64Array } {
  const n = b.close.length;
  const vwap = new Float64Array(n).fill(NaN);
  const pvScale = new Float64Array(n);
  const volScale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const from = period === 0 ? 0 : i - period + 1;
    if (from < 0) continue;
    let pv = 0, vol = 0, traded = 0;
    for (let j = from; j <= i; j++) {
      const tp = (b.high[j]! + b.low[j]! + b.close[j]!) / 3;
      pv += tp * b.volume[j]!;
      vol += b.volume[j]!;
      if (b.volume[j] !== 0) traded++;
    }
    vwap[i] = traded === 0 ? (b.high[i]! + b.low[i]! + b.close[i]!) / 3 : pv / vol;
    pvScale[i] = pv;
    volScale[i] = vol;
  }
  return { vwap, pvScale, volScale };
}

/**
 * Rounding bound of the running sums: between two re-sums (or since the first bar, anchored) each of
 * at most `steps` additions and subtractions rounds by at most eps times the largest sum seen, in each
 * of the two sums; the quotient turns errors e_pv, e_vol into e_pv / vol + |vwap| * e_vol / vol.
 */
function allowance(period: number, i: number, maxPv: number, maxVol: number, vwap: number, vol: number): number {
  const steps = period === 0 ? i + 1 : 2 * resumInterval(period) + 2 * period;
  return (4 * steps * EPS * (maxPv + Math.abs(vwap) * maxVol)) / Math.abs(vol) + 4 * EPS * Math.abs(vwap);
}

for (const kernel of ['typescript', 'wasm-simd'] as const) {
  test(`${kernel}: rolling and anchored VWAP equal the direct per-window sums (zero-volume stretches)`, () => {
    for (const [seed, n] of [[1, 5_000], [2, 3_000], [3, 257]] as const) {
      const bars = withQuietStretches(n, seed);
      const inputs = { high: bars.high, low: bars.low, close: bars.close, volume: bars.volume };
      for (const period of [0, 1, 2, 3, 7, 20, 61, 100, 1500]) {
        const got = compute('vwap', inputs, { period }, { kernel }).outputs.vwap!;
        const { vwap: want, pvScale, volScale } = directVwap(bars, period);
        let maxPv = 0, maxVol = 0;
        for (let i = 0; i < n; i++) {
          maxPv = Math.max(maxPv, Math.abs(pvScale[i]!));
          maxVol = Math.max(maxVol, Math.abs(volScale[i]!));
        }
        let quiet = 0;
        for (let i = 0; i < n; i++) {
          const w = want[i]!, g = got[i]!;
          if (Number.isNaN(w)) {
            assert.ok(Number.isNaN(g), `period ${period} n=${n}: index ${i} should be NaN (lookback)`);
            continue;
          }
          if (volScale[i] === 0) {
            quiet++;
            assert.equal(g, w, `period ${period}: index ${i}: a window without volume gives the typical price`);
            continue;
          }
          const allowed = allowance(period, i, maxPv, maxVol, w, volScale[i]!);
          assert.ok(Math.abs(g - w) <= allowed, `period ${period} n=${n}: index ${i}: expected ${w}, got ${g} (allowed ${allowed})`);
        }
        if (period > 0 && period <= 20 && n >= 3_000) assert.ok(quiet > 0, `period ${period}: the data has windows without volume`);
      }
    }
  });
}

test('the lookback is period - 1, and 0 for the anchored VWAP', () => {
  const bars = withQuietStretches(50, 4);
  const inputs = { high: bars.high, low: bars.low, close: bars.close, volume: bars.volume };
  for (const period of [0, 1, 5, 50, 51]) {
    const res = compute('vwap', inputs, { period });
    assert.equal(res.lookback, Math.max(period - 1, 0));
    res.outputs.vwap!.forEach((v, i) => assert.equal(Number.isNaN(v), i < res.lookback, `period ${period} index ${i}`));
  }
});

test('known values: a hand-computed example', () => {
  // tp = 10, 20, 30; volume 1, 0, 3.
  const inputs = { high: [11, 21, 31], low: [9, 19, 29], close: [10, 20, 30], volume: [1, 0, 3] };
  assert.deepEqual(Array.from(compute('vwap', inputs, { period: 0 }).outputs.vwap!), [10, 10, (10 + 90) / 4]);
  assert.deepEqual(Array.from(compute('vwap', inputs, { period: 2 }).outputs.vwap!), [NaN, 10, 30]);
  assert.deepEqual(Array.from(compute('vwap', inputs, { period: 1 }).outputs.vwap!), [10, 20, 30]);
});

test('anchored streaming equals the batch, through zero-volume bars', () => {
  const bars = withQuietStretches(600, 5);
  const inputs = { high: bars.high, low: bars.low, close: bars.close, volume: bars.volume };
  for (const period of [0, 3]) {
    const batch = compute('vwap', inputs, { period }, { kernel: 'typescript' }).outputs.vwap!;
    const stream = createStream('vwap', { period });
    for (let i = 0; i < 600; i++) {
      const out = stream.update({ high: bars.high[i]!, low: bars.low[i]!, close: bars.close[i]!, volume: bars.volume[i]! });
      assert.ok(Object.is(out.vwap, batch[i]), `period ${period} bar ${i}`);
    }
  }
});
