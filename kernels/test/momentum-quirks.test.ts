// TA-Lib's edge-case rules for the momentum group, on crafted bars that trigger them (the golden
// series rarely do): flat bars (high == low == open == close), long flat stretches, ties between
// highs and lows on a coarse price grid, bars straddling zero. Every kernel must equal TA-Lib bit
// for bit, and each rule must actually fire on these bars (counted).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compute, getIndicator } from '../src/index.ts';
import type { Params } from '../src/types.ts';
import { assertClose, EXACT } from './helpers/compare.ts';
import { talibOutputs } from './helpers/oracle.ts';
import { rng } from './helpers/series.ts';

type Bars = Record<'open' | 'high' | 'low' | 'close', Float64Array>;

/**
 * Prices on a 0.5 grid (so highs and lows tie often), with flat stretches of identical bars (one of
 * 80 bars, long enough for Wilder sums of period 2 to fall below 1e-14) and bars whose close sits
 * at the high or the low with no directional movement.
 */
function craftedBars(n: number, seed: number): Bars {
  const r = rng(seed);
  const bars: Bars = { open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n) };
  let price = 100;
  for (let i = 0; i < n; i++) {
    const phase = i % 400;
    if (phase >= 100 && phase < 180) {
      // Flat: every field equal.
      bars.open[i] = bars.high[i] = bars.low[i] = bars.close[i] = price;
      continue;
    }
    if (phase >= 200 && phase < 230) {
      // Same high and low every bar (no DM), the close alternating between them (TR > 0).
      bars.high[i] = price + 1;
      bars.low[i] = price - 1;
      bars.open[i] = price;
      bars.close[i] = i % 2 === 0 ? price + 1 : price - 1;
      continue;
    }
    const open = price;
    price = Math.max(1, price + Math.round((r() - 0.5) * 4) / 2);
    const close = r() < 0.15 ? open : price;
    bars.open[i] = open;
    bars.close[i] = close;
    bars.high[i] = Math.max(open, close) + Math.round(r() * 2) / 2;
    bars.low[i] = Math.min(open, close) - Math.round(r() * 2) / 2;
  }
  return bars;
}

/** Bars straddling zero (high + low == 0 on some), for ACCBANDS' guard. */
function zeroStraddlingBars(n: number): Bars {
  const bars: Bars = { open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const mid = i % 5 === 0 ? 0 : Math.sin(i / 7) * 3;
    bars.high[i] = mid + 1;
    bars.low[i] = mid - 1;
    bars.open[i] = mid;
    bars.close[i] = mid + 0.5;
  }
  return bars;
}

function exactEverywhere(id: string, bars: Bars, params: Params): Float64Array[] {
  const def = getIndicator(id);
  const inputs = Object.fromEntries(def.inputs.map((name) => [name, bars[name as keyof Bars]]));
  const expected = talibOutputs(def, inputs, params);
  for (const kernel of ['typescript', 'wasm-simd'] as const) {
    const r = compute(id, inputs, params, { kernel });
    def.outputs.forEach((o, k) => assertClose(r.outputs[o.name]!, expected[k]!, EXACT, `${id} ${JSON.stringify(params)} ${kernel} ${o.name}`));
  }
  return expected;
}

const count = (x: Float64Array, from: number, pred: (v: number, i: number) => boolean) => {
  let c = 0;
  for (let i = from; i < x.length; i++) if (pred(x[i]!, i)) c++;
  return c;
};

test('BOP is 0 on bars with high == low', () => {
  const bars = craftedBars(1_200, 1);
  const [bop] = exactEverywhere('bop', bars, {});
  assert.ok(count(bop!, 0, (v, i) => bars.high[i] === bars.low[i] && v === 0) >= 80);
});

test('CMO is 0 where the Wilder gains and losses have both vanished', () => {
  const bars = craftedBars(1_200, 2);
  const [cmo] = exactEverywhere('cmo', bars, { period: 2 });
  assert.ok(count(cmo!, 2, (v) => v === 0) >= 10);
  exactEverywhere('cmo', bars, { period: 14 });
});

test('PLUS_DM and MINUS_DM: raw one-bar movement at period 1 (ties count for neither), Wilder sums otherwise', () => {
  const bars = craftedBars(1_200, 3);
  for (const id of ['plus_dm', 'minus_dm']) {
    const [raw] = exactEverywhere(id, bars, { period: 1 });
    assert.ok(count(raw!, 1, (v) => v === 0) > 100 && count(raw!, 1, (v) => v > 0) > 100);
    exactEverywhere(id, bars, { period: 2 });
    exactEverywhere(id, bars, { period: 14 });
  }
});

test('DX: 0 at a first bar without DI, the previous value at a later one; ADX and ADXR skip those bars', () => {
  const bars = craftedBars(1_200, 4);
  const [dx] = exactEverywhere('dx', bars, { period: 2 });
  assert.ok(count(dx!, 3, (v, i) => v === dx![i - 1] && v > 0) >= 20, 'repeats of the previous DX');
  // A series that starts flat: no TR at all, the first DX is 0.
  const flatStart = craftedBars(1_200, 4);
  for (const k of ['open', 'high', 'low', 'close'] as const) flatStart[k].fill(50, 0, 40);
  const [dx0] = exactEverywhere('dx', flatStart, { period: 5 });
  assert.equal(dx0![5], 0);
  for (const period of [2, 5, 14]) {
    exactEverywhere('adx', bars, { period });
    exactEverywhere('adxr', bars, { period });
    exactEverywhere('adxr', flatStart, { period });
  }
});

test('AROON and AROONOSC: a tie goes to the most recent bar, over period + 1 bars', () => {
  const bars = craftedBars(1_200, 5);
  for (const period of [2, 5, 14]) {
    const [down, up] = exactEverywhere('aroon', bars, { period });
    // Flat stretches: every bar ties the extreme, so both lines read 100.
    assert.ok(count(up!, period, (v, i) => i % 400 > 100 + period && i % 400 < 180 && v === 100 && down![i] === 100) > 40);
    exactEverywhere('aroonosc', bars, { period });
  }
});

test('ULTOSC leaves out a ratio whose true-range sum is below 1e-14; the periods are sorted', () => {
  const bars = craftedBars(1_200, 6);
  const [u] = exactEverywhere('ultosc', bars, { period1: 2, period2: 3, period3: 4 });
  assert.ok(count(u!, 4, (v, i) => i % 400 > 110 && i % 400 < 180 && v === 0) > 40);
  const sorted = exactEverywhere('ultosc', bars, { period1: 7, period2: 14, period3: 28 })[0]!;
  const shuffled = exactEverywhere('ultosc', bars, { period1: 28, period2: 7, period3: 14 })[0]!;
  assertClose(shuffled, sorted, EXACT, 'the order of the periods does not matter');
  exactEverywhere('ultosc', bars, { period1: 1, period2: 1, period3: 5 });
});

test('IMI is NaN (0 / 0) on a window where every bar has open == close', () => {
  const bars = craftedBars(1_200, 7);
  const [imi] = exactEverywhere('imi', bars, { period: 5 });
  assert.ok(count(imi!, 4, (v) => Number.isNaN(v)) > 60);
});

test('ACCBANDS uses the plain high and low where high + low is 0', () => {
  const bars = zeroStraddlingBars(600);
  const [upper] = exactEverywhere('accbands', bars, { period: 3 });
  assert.ok(count(upper!, 2, (v) => Number.isFinite(v)) === 598);
  exactEverywhere('accbands', craftedBars(1_200, 8), { period: 20 });
});

test('SAREXT: forced starts, offsets and asymmetric accelerations on crafted bars, negative while short', () => {
  const bars = craftedBars(1_200, 9);
  const base = { startValue: 0, offsetOnReverse: 0, accelerationInitLong: 0.02, accelerationLong: 0.02, accelerationMaxLong: 0.2, accelerationInitShort: 0.02, accelerationShort: 0.02, accelerationMaxShort: 0.2 };
  const [plain] = exactEverywhere('sarext', bars, base);
  assert.ok(count(plain!, 1, (v) => v < 0) > 50 && count(plain!, 1, (v) => v > 0) > 50, 'both signs');
  exactEverywhere('sarext', bars, { ...base, startValue: 95 });
  exactEverywhere('sarext', bars, { ...base, startValue: -120 });
  exactEverywhere('sarext', bars, { ...base, offsetOnReverse: 0.01 });
  exactEverywhere('sarext', bars, { ...base, accelerationInitLong: 0.5, accelerationLong: 0.3, accelerationMaxLong: 0.1, accelerationInitShort: 0.01, accelerationShort: 0.05, accelerationMaxShort: 0.4 });
  // SAREXT with SAR's parameters is SAR with the short trades negated.
  const sar = compute('sar', { high: bars.high, low: bars.low }, { acceleration: 0.02, maximum: 0.2 }).outputs.sar!;
  assertClose(plain!.map(Math.abs), sar, EXACT, 'sarext vs sar');
});
