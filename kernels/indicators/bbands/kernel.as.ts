import { MA_STORE, maPass, maTypeLookback } from '../../assembly/lib/ma';
import { at, broadcastHigh, fillNaN, ld, pairPrefix, resumInterval, st, sumRange, sumSquaresRange, TA_EPSILON } from '../../assembly/lib/common';

// @ts-ignore: decorator
@inline function bands(
  total: v128, total2: v128, pv: v128, up: v128, down: v128,
  upper: usize, middle: usize, lower: usize, i: i32,
): void {
  const mean = f64x2.div(total, pv);
  const variance = f64x2.sub(f64x2.div(total2, pv), f64x2.mul(mean, mean));
  const sd = v128.bitselect(f64x2.splat(0), f64x2.sqrt(variance), f64x2.lt(variance, f64x2.splat(TA_EPSILON)));
  v128.store(at(middle, i), mean);
  v128.store(at(upper, i), f64x2.add(mean, f64x2.mul(sd, up)));
  v128.store(at(lower, i), f64x2.sub(mean, f64x2.mul(sd, down)));
}

/**
 * Bollinger Bands (SMA middle, population deviation). The running sum and sum of squares advance
 * like the SMA kernel's, four bars per loop-carried add; the bands are formed two at a time.
 */
export function bbands(x: usize, upper: usize, middle: usize, lower: usize, n: i32, period: i32, devUp: f64, devDown: f64, maType: i32): void {
  if (maType != 0) {
    bbandsTyped(x, upper, middle, lower, n, period, devUp, devDown, maType);
    return;
  }
  const lookback = period - 1;
  fillNaN(upper, lookback, n);
  fillNaN(middle, lookback, n);
  fillNaN(lower, lookback, n);
  if (n <= lookback) return;
  const every = resumInterval(period);
  const p = <f64>period;
  const pv = f64x2.splat(p);
  const up = f64x2.splat(devUp);
  const down = f64x2.splat(devDown);
  for (let block = lookback; block < n; block += every) {
    const end = min(block + every, n);
    let total = sumRange(x, block - lookback, block + 1);
    let total2 = sumSquaresRange(x, block - lookback, block + 1);
    scalarBands(total, total2, p, devUp, devDown, upper, middle, lower, block);
    let i = block + 1;
    let s = f64x2.splat(total);
    let s2 = f64x2.splat(total2);
    for (; i + 3 < end; i += 4) {
      const a01 = v128.load(at(x, i)), a23 = v128.load(at(x, i + 2));
      const b01 = v128.load(at(x, i - period)), b23 = v128.load(at(x, i + 2 - period));
      const d01 = pairPrefix(f64x2.sub(a01, b01));
      const d23 = f64x2.add(pairPrefix(f64x2.sub(a23, b23)), broadcastHigh(d01));
      const q01 = pairPrefix(f64x2.sub(f64x2.mul(a01, a01), f64x2.mul(b01, b01)));
      const q23 = f64x2.add(pairPrefix(f64x2.sub(f64x2.mul(a23, a23), f64x2.mul(b23, b23))), broadcastHigh(q01));
      const s23 = f64x2.add(s, d23);
      const t23 = f64x2.add(s2, q23);
      bands(f64x2.add(s, d01), f64x2.add(s2, q01), pv, up, down, upper, middle, lower, i);
      bands(s23, t23, pv, up, down, upper, middle, lower, i + 2);
      s = broadcastHigh(s23);
      s2 = broadcastHigh(t23);
    }
    total = f64x2.extract_lane(s, 0);
    total2 = f64x2.extract_lane(s2, 0);
    for (; i < end; i++) {
      const a = ld(x, i), b = ld(x, i - period);
      total += a - b;
      total2 += a * a - b * b;
      scalarBands(total, total2, p, devUp, devDown, upper, middle, lower, i);
    }
  }
}

function scalarBands(total: f64, total2: f64, p: f64, devUp: f64, devDown: f64, upper: usize, middle: usize, lower: usize, i: i32): void {
  const mean = total / p;
  const variance = total2 / p - mean * mean;
  const sd = variance < TA_EPSILON ? 0 : Math.sqrt(variance);
  st(middle, i, mean);
  st(upper, i, mean + sd * devUp);
  st(lower, i, mean - sd * devDown);
}

/**
 * BBANDS with another MA type: the MA into middle, then TA-Lib's STDDEV from the MA's first bar (its
 * running sums of x and x^2, never re-summed) and the bands, in one scalar pass.
 */
function bbandsTyped(x: usize, upper: usize, middle: usize, lower: usize, n: i32, period: i32, devUp: f64, devDown: f64, maType: i32): void {
  const lookback = maTypeLookback(maType, period);
  fillNaN(upper, lookback, n);
  fillNaN(middle, lookback, n);
  fillNaN(lower, lookback, n);
  if (n <= lookback) return;
  maPass(x, middle, 0, n, maType, period, 0, MA_STORE);
  const p = <f64>period;
  let total: f64 = 0, total2: f64 = 0;
  for (let i = lookback - period + 1; i < lookback; i++) {
    const v = ld(x, i);
    total += v;
    total2 += v * v;
  }
  for (let i = lookback; i < n; i++) {
    const v = ld(x, i);
    total += v;
    total2 += v * v;
    const mean1 = total / p;
    const mean2 = total2 / p;
    const old = ld(x, i - period + 1);
    total -= old;
    total2 -= old * old;
    const variance = mean2 - mean1 * mean1;
    const sd = variance < TA_EPSILON ? 0 : Math.sqrt(variance);
    const mean = ld(middle, i);
    st(upper, i, mean + sd * devUp);
    st(lower, i, mean - sd * devDown);
  }
}
