// ADX (and ADXR through it) in one pass: the Wilder sums of +DM, -DM and TR, each bar's DX and the
// ADX average advance together, with TA-Lib's operations in TA-Lib's order (bit-exact).
import { at, fillNaN, ld, st } from './common';
import { downMove2, dxOf, dxPair, minusDm1, minusDm2, plusDm1, plusDm2, upMove2 } from './directional';
import { trueRange1, trueRange2 } from './truerange';
import { allFinite } from './validate';

/**
 * ADX in one pass. DM and TR start as plain sums of the first period - 1 moves, then are Wilder sums
 * (s - s / period + x; adding the +0 of a move that does not count leaves a sum as TA-Lib's skipped
 * addition does). The first ADX, at bar 2 * period - 1, is the mean of the DX of bars
 * period .. 2 * period - 1 (a missing DX adds nothing); then adx = (adx * (period - 1) + dx) / period,
 * unchanged where DX is missing. The recurrences are independent chains that overlap; DM and TR are
 * formed two bars at a time and the two bars' DX share their divisions.
 */
export function adxSeries(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): void {
  adxRun(high, low, close, out, n, period, false);
}

/**
 * adxSeries that also checks every input value on the way, beside the chains, instead of a pass
 * before it: 1 when all are finite, else 0 (the outputs are then unspecified).
 */
export function adxSeriesChecked(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): i32 {
  return adxRun(high, low, close, out, n, period, true);
}

/** 0 when the values bar i's moves and true range read (high[i], low[i], close[i - 1]) are finite, NaN otherwise. */
// @ts-ignore: decorator
@inline function finiteTerm(high: usize, low: usize, close: usize, i: i32): f64 {
  const h = ld(high, i), l = ld(low, i), c = ld(close, i - 1);
  return h - h + (l - l) + (c - c);
}

/** finiteTerm of bars i and i + 1, one per lane. */
// @ts-ignore: decorator
@inline function finitePair(high: usize, low: usize, close: usize, i: i32): v128 {
  const h = v128.load(at(high, i)), l = v128.load(at(low, i)), c = v128.load(at(close, i - 1));
  return f64x2.add(f64x2.add(f64x2.sub(h, h), f64x2.sub(l, l)), f64x2.sub(c, c));
}

// @ts-ignore: decorator
@inline function adxRun(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32, checked: bool): i32 {
  const lookback = 2 * period - 1;
  if (n <= lookback) {
    fillNaN(out, n, n);
    return checked ? <i32>(allFinite(high, n) && allFinite(low, n) && allFinite(close, n)) : 1;
  }
  fillNaN(out, lookback, n);
  // Bar 0's high and low and the last close are read by no step's true range: checked apart.
  let check: f64 = 0;
  if (checked) {
    const h0 = ld(high, 0), l0 = ld(low, 0), cn = ld(close, n - 1);
    check = h0 - h0 + (l0 - l0) + (cn - cn);
  }
  let checks = f64x2.splat(0);
  // Two bars at a time throughout (SIMD masks and f64x2.pmax: V8 compiles the scalar selects of
  // plusDm1, minusDm1 and trueRange1 to branches, which mispredict on price data).
  let plus: f64 = 0, minus: f64 = 0, tr: f64 = 0;
  let i = 1;
  for (; i + 1 < period; i += 2) {
    if (checked) checks = f64x2.add(checks, finitePair(high, low, close, i));
    const up = upMove2(high, i), down = downMove2(low, i);
    const p2 = plusDm2(up, down), m2 = minusDm2(up, down);
    const tr2 = trueRange2(high, low, close, i);
    // A move that does not count adds +0, which leaves the sum as TA-Lib's skipped addition does.
    plus += f64x2.extract_lane(p2, 0);
    plus += f64x2.extract_lane(p2, 1);
    minus += f64x2.extract_lane(m2, 0);
    minus += f64x2.extract_lane(m2, 1);
    tr += f64x2.extract_lane(tr2, 0);
    tr += f64x2.extract_lane(tr2, 1);
  }
  if (i < period) {
    if (checked) check += finiteTerm(high, low, close, i);
    const m = minusDm1(high, low, i);
    if (m > 0) minus += m;
    else plus += plusDm1(high, low, i);
    tr += trueRange1(high, low, close, i);
    i++;
  }
  const p = <f64>period;
  const pv = f64x2.splat(p);
  const hundred = f64x2.splat(100.0);
  let dm = f64x2.replace_lane(f64x2.splat(plus), 1, minus);
  let sum: f64 = 0;
  for (; i + 1 <= lookback; i += 2) {
    if (checked) checks = f64x2.add(checks, finitePair(high, low, close, i));
    const up = upMove2(high, i), down = downMove2(low, i);
    const p2 = plusDm2(up, down), m2 = minusDm2(up, down);
    const tr2 = trueRange2(high, low, close, i);
    const dmA = f64x2.add(f64x2.sub(dm, f64x2.div(dm, pv)), v128.shuffle<f64>(p2, m2, 0, 2));
    const trA = tr - tr / p + f64x2.extract_lane(tr2, 0);
    dm = f64x2.add(f64x2.sub(dmA, f64x2.div(dmA, pv)), v128.shuffle<f64>(p2, m2, 1, 3));
    tr = trA - trA / p + f64x2.extract_lane(tr2, 1);
    const dx = dxPair(dmA, trA, dm, tr, hundred);
    const dxA = f64x2.extract_lane(dx, 0), dxB = f64x2.extract_lane(dx, 1);
    if (dxA == dxA) sum += dxA;
    if (dxB == dxB) sum += dxB;
  }
  if (i <= lookback) {
    if (checked) check += finiteTerm(high, low, close, i);
    const x = f64x2.replace_lane(f64x2.splat(plusDm1(high, low, i)), 1, minusDm1(high, low, i));
    dm = f64x2.add(f64x2.sub(dm, f64x2.div(dm, pv)), x);
    tr = tr - tr / p + trueRange1(high, low, close, i);
    const dx = dxOf(dm, tr, hundred);
    if (dx == dx) sum += dx;
  }
  let adx = sum / p;
  st(out, lookback, adx);
  const pm1 = <f64>(period - 1);
  i = lookback + 1;
  for (; i + 1 < n; i += 2) {
    if (checked) checks = f64x2.add(checks, finitePair(high, low, close, i));
    const up = upMove2(high, i), down = downMove2(low, i);
    const p2 = plusDm2(up, down), m2 = minusDm2(up, down);
    const tr2 = trueRange2(high, low, close, i);
    const dmA = f64x2.add(f64x2.sub(dm, f64x2.div(dm, pv)), v128.shuffle<f64>(p2, m2, 0, 2));
    const trA = tr - tr / p + f64x2.extract_lane(tr2, 0);
    dm = f64x2.add(f64x2.sub(dmA, f64x2.div(dmA, pv)), v128.shuffle<f64>(p2, m2, 1, 3));
    tr = trA - trA / p + f64x2.extract_lane(tr2, 1);
    const dx = dxPair(dmA, trA, dm, tr, hundred);
    const dxA = f64x2.extract_lane(dx, 0), dxB = f64x2.extract_lane(dx, 1);
    if (dxA == dxA) adx = (adx * pm1 + dxA) / p;
    st(out, i, adx);
    if (dxB == dxB) adx = (adx * pm1 + dxB) / p;
    st(out, i + 1, adx);
  }
  if (i < n) {
    if (checked) check += finiteTerm(high, low, close, i);
    const x = f64x2.replace_lane(f64x2.splat(plusDm1(high, low, i)), 1, minusDm1(high, low, i));
    dm = f64x2.add(f64x2.sub(dm, f64x2.div(dm, pv)), x);
    tr = tr - tr / p + trueRange1(high, low, close, i);
    const dx = dxOf(dm, tr, hundred);
    if (dx == dx) adx = (adx * pm1 + dx) / p;
    st(out, i, adx);
  }
  return <i32>(check + f64x2.extract_lane(checks, 0) + f64x2.extract_lane(checks, 1) == 0);
}
