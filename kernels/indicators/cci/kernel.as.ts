import { at, fillNaN, ld, st } from '../../assembly/lib/common';
import { allFinite } from '../../assembly/lib/validate';

// @ts-ignore: decorator
@inline function cciOf(num: f64, dev: f64, p: f64): f64 {
  return num != 0 && dev != 0 ? num / (0.015 * (dev / p)) : 0;
}

/** CCI of bar t from the typical prices in tp, summed in TA-Lib's slot order. */
function cciAt(tp: usize, t: i32, period: i32): f64 {
  const r = t % period; // bar t is in slot r: slots 0..r hold bars t-r..t, slots r+1.. hold t-p+1..t-r-1
  let mean: f64 = 0;
  for (let i = t - r; i <= t; i++) mean += ld(tp, i);
  for (let i = t - period + 1; i < t - r; i++) mean += ld(tp, i);
  mean /= <f64>period;
  let dev: f64 = 0;
  for (let i = t - r; i <= t; i++) dev += abs(ld(tp, i) - mean);
  for (let i = t - period + 1; i < t - r; i++) dev += abs(ld(tp, i) - mean);
  return cciOf(ld(tp, t) - mean, dev, <f64>period);
}

// The two sums of a block of four bars t - 3 .. t (blockSums), one vector per pair of bars.
let sumLow = f64x2.splat(0);
let sumHigh = f64x2.splat(0);

/**
 * Adds one slot's values to the running sums of the four bars t - 3 .. t: `low` holds bars [t - 3,
 * t - 2], `high` bars [t - 1, t]; with `dev`, the absolute deviations from the means instead.
 */
// @ts-ignore: decorator
@inline function addSlot(v: v128, w: v128, dev: bool, meanLow: v128, meanHigh: v128, acc: v128, low: bool): v128 {
  return dev ? f64x2.add(acc, f64x2.abs(f64x2.sub(low ? v : w, low ? meanLow : meanHigh))) : f64x2.add(acc, low ? v : w);
}

/**
 * The window sums (or, with `dev`, the absolute deviations from meanLow / meanHigh) of the four bars
 * t - 3 .. t, in TA-Lib's slot order, into sumLow ([t - 3, t - 2]) and sumHigh ([t - 1, t]). The four
 * windows hold the same bars in the same slots except the slots of bars t - 2, t - 1 and t: slot order
 * visits the window of bar t as m .. t, then t - period + 1 .. m - 1 (m = t - t mod period, the bar
 * of slot 0), and the other windows have the bar `period` earlier in those three slots where they do
 * not yet hold the later bar. Needs period >= 4 and t - 3 >= period - 1.
 */
// @ts-ignore: decorator
@inline function blockSums(tp: usize, t: i32, period: i32, dev: bool, meanLow: v128, meanHigh: v128): void {
  let a = f64x2.splat(0), b = f64x2.splat(0);
  const r0 = t % period;
  const m = t - r0;
  // Slot of bar t: bars t-3..t-1 hold t - period there.
  const old0 = v128.load64_splat(at(tp, t - period));
  const s0 = v128.load64_lane(at(tp, t), old0, 1);
  // Slot of bar t - 1: bars t-3, t-2 hold t - 1 - period.
  const s1low = v128.load64_splat(at(tp, t - 1 - period));
  const s1high = v128.load64_splat(at(tp, t - 1));
  // Slot of bar t - 2: bar t - 3 holds t - 2 - period.
  const s2high = v128.load64_splat(at(tp, t - 2));
  const s2low = v128.load64_lane(at(tp, t - 2), v128.load64_splat(at(tp, t - 2 - period)), 1);
  if (r0 >= 2) {
    for (let j = m; j <= t - 3; j++) {
      const v = v128.load64_splat(at(tp, j));
      a = addSlot(v, v, dev, meanLow, meanHigh, a, true);
      b = addSlot(v, v, dev, meanLow, meanHigh, b, false);
    }
    a = addSlot(s2low, s2high, dev, meanLow, meanHigh, a, true);
    b = addSlot(s2low, s2high, dev, meanLow, meanHigh, b, false);
    a = addSlot(s1low, s1high, dev, meanLow, meanHigh, a, true);
    b = addSlot(s1low, s1high, dev, meanLow, meanHigh, b, false);
    a = addSlot(old0, s0, dev, meanLow, meanHigh, a, true);
    b = addSlot(old0, s0, dev, meanLow, meanHigh, b, false);
    for (let j = t - period + 1; j < m; j++) {
      const v = v128.load64_splat(at(tp, j));
      a = addSlot(v, v, dev, meanLow, meanHigh, a, true);
      b = addSlot(v, v, dev, meanLow, meanHigh, b, false);
    }
  } else {
    if (r0 == 1) {
      a = addSlot(s1low, s1high, dev, meanLow, meanHigh, a, true);
      b = addSlot(s1low, s1high, dev, meanLow, meanHigh, b, false);
    }
    a = addSlot(old0, s0, dev, meanLow, meanHigh, a, true);
    b = addSlot(old0, s0, dev, meanLow, meanHigh, b, false);
    for (let j = t - period + 1; j <= t - 3; j++) {
      const v = v128.load64_splat(at(tp, j));
      a = addSlot(v, v, dev, meanLow, meanHigh, a, true);
      b = addSlot(v, v, dev, meanLow, meanHigh, b, false);
    }
    a = addSlot(s2low, s2high, dev, meanLow, meanHigh, a, true);
    b = addSlot(s2low, s2high, dev, meanLow, meanHigh, b, false);
    if (r0 == 0) {
      a = addSlot(s1low, s1high, dev, meanLow, meanHigh, a, true);
      b = addSlot(s1low, s1high, dev, meanLow, meanHigh, b, false);
    }
  }
  sumLow = a;
  sumHigh = b;
}

/** TA-Lib's CCI of two bars from their typical prices, means and deviation sums; 0 where the numerator or the deviation is 0. */
// @ts-ignore: decorator
@inline function cci2(tp: v128, mean: v128, dev: v128, pv: v128): v128 {
  const zero = f64x2.splat(0);
  const num = f64x2.sub(tp, mean);
  const c = f64x2.div(num, f64x2.mul(f64x2.splat(0.015), f64x2.div(dev, pv)));
  return v128.bitselect(zero, c, v128.or(f64x2.eq(num, zero), f64x2.eq(dev, zero)));
}

/**
 * CCI. The typical prices go into `out` (two per vector), then bars are done backwards, four at a
 * time where the period allows (blockSums: two pairs' sums advance side by side, so their serial
 * add chains overlap), then in pairs
 * (t - 1, t) so every value still needed is still there. The two windows hold the same values in the
 * same slots except slot t mod period (bar t - period for t - 1, bar t for t): one pass over the slots
 * sums both windows in TA-Lib's order, one in each lane.
 */
export function cci(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): void {
  cciRun(high, low, close, out, n, period, false);
}

/**
 * cci that also checks every input value while forming the typical prices, instead of a pass before:
 * 1 when all are finite, else 0 (the outputs are then unspecified).
 */
export function cci_checked(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): i32 {
  return cciRun(high, low, close, out, n, period, true);
}

// @ts-ignore: decorator
@inline function cciRun(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32, checked: bool): i32 {
  const lookback = period - 1;
  // x - x is 0 for a finite x and NaN otherwise.
  let checks = f64x2.splat(0);
  let check: f64 = 0;
  if (n <= lookback) {
    fillNaN(out, lookback, n);
    return checked ? <i32>(allFinite(high, n) && allFinite(low, n) && allFinite(close, n)) : 1;
  }
  if (n > lookback) {
    const three = f64x2.splat(3);
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const h = v128.load(at(high, i)), l = v128.load(at(low, i)), c = v128.load(at(close, i));
      if (checked) checks = f64x2.add(checks, f64x2.add(f64x2.add(f64x2.sub(h, h), f64x2.sub(l, l)), f64x2.sub(c, c)));
      v128.store(at(out, i), f64x2.div(f64x2.add(f64x2.add(h, l), c), three));
    }
    for (; i < n; i++) {
      const h = ld(high, i), l = ld(low, i), c = ld(close, i);
      if (checked) check += h - h + (l - l) + (c - c);
      st(out, i, (h + l + c) / 3);
    }
    const p = <f64>period;
    const pv = f64x2.splat(p);
    const scale = f64x2.splat(0.015);
    const zero = f64x2.splat(0);
    let t = n - 1;
    if (period >= 4) {
      for (; t - 3 >= lookback; t -= 4) {
        const tpLow = v128.load(at(out, t - 3)), tpHigh = v128.load(at(out, t - 1));
        blockSums(out, t, period, false, zero, zero);
        const meanLow = f64x2.div(sumLow, pv), meanHigh = f64x2.div(sumHigh, pv);
        blockSums(out, t, period, true, meanLow, meanHigh);
        v128.store(at(out, t - 3), cci2(tpLow, meanLow, sumLow, pv));
        v128.store(at(out, t - 1), cci2(tpHigh, meanHigh, sumHigh, pv));
      }
    }
    for (; t - 1 >= lookback; t -= 2) {
      const r0 = (t - 1) % period;
      // Slot order for bar t - 1: [aFrom, t) then the differing slot then [bFrom, bTo).
      const wrap = r0 == period - 1;
      const aFrom = wrap ? t : t - 1 - r0;
      const bFrom = t - period + 1;
      const bTo = wrap ? t : t - 1 - r0;
      const special = v128.load64_lane(at(out, t), v128.load64_zero(at(out, t - period)), 1);
      let mean = zero;
      for (let j = aFrom; j < t; j++) mean = f64x2.add(mean, v128.load64_splat(at(out, j)));
      mean = f64x2.add(mean, special);
      for (let j = bFrom; j < bTo; j++) mean = f64x2.add(mean, v128.load64_splat(at(out, j)));
      mean = f64x2.div(mean, pv);
      let dev = zero;
      for (let j = aFrom; j < t; j++) dev = f64x2.add(dev, f64x2.abs(f64x2.sub(v128.load64_splat(at(out, j)), mean)));
      dev = f64x2.add(dev, f64x2.abs(f64x2.sub(special, mean)));
      for (let j = bFrom; j < bTo; j++) dev = f64x2.add(dev, f64x2.abs(f64x2.sub(v128.load64_splat(at(out, j)), mean)));
      const num = f64x2.sub(v128.load(at(out, t - 1)), mean);
      const c = f64x2.div(num, f64x2.mul(scale, f64x2.div(dev, pv)));
      const isZero = v128.or(f64x2.eq(num, zero), f64x2.eq(dev, zero));
      v128.store(at(out, t - 1), v128.bitselect(zero, c, isZero));
    }
    if (t == lookback) st(out, t, cciAt(out, t, period));
  }
  fillNaN(out, lookback, n);
  return <i32>(check + f64x2.extract_lane(checks, 0) + f64x2.extract_lane(checks, 1) == 0);
}
