// TA-Lib's true range (one bar, two bars in the lanes, a run of bars, two series side by side) and
// the ATR built on it (ATR and NATR).
import { at, fillNaN, ld, st } from './common';
import { load2, store2 } from './panel';
import { allFinite } from './validate';

/**
 * True range of bars i and i + 1 (previous closes at i - 1 and i), two lanes at once. pmax(a, b) is
 * `a < b ? b : a`: TA-Lib's `greatest = h - l; if (up > greatest) greatest = up; ...` exactly, and one
 * instruction (f64x2.max also orders -0 below +0 and propagates NaN, in a longer sequence).
 */
// @ts-ignore: decorator
@inline export function trueRange2(high: usize, low: usize, close: usize, i: i32): v128 {
  const h = v128.load(at(high, i));
  const l = v128.load(at(low, i));
  const c = v128.load(at(close, i - 1));
  return f64x2.pmax(f64x2.pmax(f64x2.sub(h, l), f64x2.abs(f64x2.sub(c, h))), f64x2.abs(f64x2.sub(c, l)));
}

/** One bar's true range, TA-Lib's comparisons as selects (no branches: f64.max compiles to several). */
// @ts-ignore: decorator
@inline export function trueRange1(high: usize, low: usize, close: usize, i: i32): f64 {
  const h = ld(high, i), l = ld(low, i), c = ld(close, i - 1);
  let greatest = h - l;
  const up = abs(c - h);
  greatest = select<f64>(up, greatest, up > greatest);
  const down = abs(c - l);
  return select<f64>(down, greatest, down > greatest);
}

/** out[from..n) = true range (from >= 1); four bars per step. */
export function trueRangeRun(high: usize, low: usize, close: usize, out: usize, from: i32, n: i32): void {
  let i = from;
  for (; i + 3 < n; i += 4) {
    v128.store(at(out, i), trueRange2(high, low, close, i));
    v128.store(at(out, i + 2), trueRange2(high, low, close, i + 2));
  }
  for (; i < n; i++) st(out, i, trueRange1(high, low, close, i));
}


/**
 * ATR in one pass: each bar's true range is formed beside the Wilder recurrence, in TA-Lib's order
 * (*= period - 1, += tr, /= period), so the result is bit-exact. The recurrence's multiply, add and
 * divide are serial (about 20 cycles a bar); the true range and the store overlap with them.
 */
export function atrSeries(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): void {
  atrRun(high, low, close, out, n, period, false);
}

/**
 * atrSeries that also checks every input value on the way, off the recurrence (x - x is 0 for a
 * finite x, NaN otherwise), instead of a pass before it: 1 when all are finite, else 0 (the outputs
 * are then unspecified).
 */
export function atrSeriesChecked(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): i32 {
  return atrRun(high, low, close, out, n, period, true);
}

// @ts-ignore: decorator
@inline function atrRun(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32, checked: bool): i32 {
  fillNaN(out, period, n);
  if (n <= period) return checked ? <i32>(allFinite(high, n) && allFinite(low, n) && allFinite(close, n)) : 1;
  const p = <f64>period;
  const pm1 = <f64>(period - 1);
  // Bar 0's high and low and the last close are read by no true range: checked apart.
  let check: f64 = 0;
  if (checked) {
    const h0 = ld(high, 0), l0 = ld(low, 0), cn = ld(close, n - 1);
    check = h0 - h0 + (l0 - l0) + (cn - cn);
  }
  let prev: f64 = 0;
  for (let t = 1; t <= period; t++) {
    if (checked) check += finiteTerm(high, low, close, t);
    prev += trueRange1(high, low, close, t);
  }
  prev /= p;
  st(out, period, prev);
  // Two bars' true ranges per vector (f64x2.pmax: V8 compiles the scalar selects to branches, which
  // mispredict on price data), then the chain bar by bar.
  let checks = f64x2.splat(0);
  let t = period + 1;
  for (; t + 1 < n; t += 2) {
    if (checked) {
      const h = v128.load(at(high, t)), l = v128.load(at(low, t)), c = v128.load(at(close, t - 1));
      checks = f64x2.add(checks, f64x2.add(f64x2.add(f64x2.sub(h, h), f64x2.sub(l, l)), f64x2.sub(c, c)));
    }
    const tr2 = trueRange2(high, low, close, t);
    prev *= pm1;
    prev += f64x2.extract_lane(tr2, 0);
    prev /= p;
    st(out, t, prev);
    prev *= pm1;
    prev += f64x2.extract_lane(tr2, 1);
    prev /= p;
    st(out, t + 1, prev);
  }
  if (t < n) {
    if (checked) check += finiteTerm(high, low, close, t);
    const tr = trueRange1(high, low, close, t);
    prev *= pm1;
    prev += tr;
    prev /= p;
    st(out, t, prev);
  }
  return <i32>(check + f64x2.extract_lane(checks, 0) + f64x2.extract_lane(checks, 1) == 0);
}

/** 0 when the values a true range at bar i reads are finite, NaN otherwise. */
// @ts-ignore: decorator
@inline function finiteTerm(high: usize, low: usize, close: usize, i: i32): f64 {
  const h = ld(high, i), l = ld(low, i), c = ld(close, i - 1);
  return h - h + (l - l) + (c - c);
}

// @ts-ignore: decorator
@inline function trueRangePair(h0: usize, h1: usize, l0: usize, l1: usize, c0: usize, c1: usize, t: i32): v128 {
  const h = load2(h0, h1, t), l = load2(l0, l1, t), c = load2(c0, c1, t - 1);
  return f64x2.pmax(f64x2.pmax(f64x2.sub(h, l), f64x2.abs(f64x2.sub(c, h))), f64x2.abs(f64x2.sub(c, l)));
}

/** ATR over `count` series (series s of each input at ptr + s*n): two series per lane pair, two pairs interleaved. */
export function atrPanel(high: usize, low: usize, close: usize, out: usize, n: i32, count: i32, period: i32): void {
  const stride = <usize>n << 3;
  for (let s = 0; s < count; s++) fillNaN(out + <usize>s * stride, period, n);
  if (n <= period) return;
  let s = 0;
  for (; s + 3 < count; s += 4) {
    const off = <usize>s * stride;
    atrPairs2(high + off, low + off, close + off, out + off, stride, n, period);
  }
  for (; s + 1 < count; s += 2) {
    const off = <usize>s * stride;
    atrPair(high + off, low + off, close + off, out + off, stride, n, period);
  }
  if (s < count) {
    const off = <usize>s * stride;
    atrSeries(high + off, low + off, close + off, out + off, n, period);
  }
}

function atrPair(h0: usize, l0: usize, c0: usize, o0: usize, stride: usize, n: i32, period: i32): void {
  const h1 = h0 + stride, l1 = l0 + stride, c1 = c0 + stride, o1 = o0 + stride;
  const pv = f64x2.splat(<f64>period);
  const pm1 = f64x2.splat(<f64>(period - 1));
  let a = f64x2.splat(0);
  for (let t = 1; t <= period; t++) a = f64x2.add(a, trueRangePair(h0, h1, l0, l1, c0, c1, t));
  a = f64x2.div(a, pv);
  store2(o0, o1, period, a);
  for (let t = period + 1; t < n; t++) {
    a = f64x2.div(f64x2.add(f64x2.mul(a, pm1), trueRangePair(h0, h1, l0, l1, c0, c1, t)), pv);
    store2(o0, o1, t, a);
  }
}

function atrPairs2(h0: usize, l0: usize, c0: usize, o0: usize, stride: usize, n: i32, period: i32): void {
  const h1 = h0 + stride, l1 = l0 + stride, c1 = c0 + stride, o1 = o0 + stride;
  const h2 = h1 + stride, l2 = l1 + stride, c2 = c1 + stride, o2 = o1 + stride;
  const h3 = h2 + stride, l3 = l2 + stride, c3 = c2 + stride, o3 = o2 + stride;
  const pv = f64x2.splat(<f64>period);
  const pm1 = f64x2.splat(<f64>(period - 1));
  let a = f64x2.splat(0), b = f64x2.splat(0);
  for (let t = 1; t <= period; t++) {
    a = f64x2.add(a, trueRangePair(h0, h1, l0, l1, c0, c1, t));
    b = f64x2.add(b, trueRangePair(h2, h3, l2, l3, c2, c3, t));
  }
  a = f64x2.div(a, pv);
  b = f64x2.div(b, pv);
  store2(o0, o1, period, a);
  store2(o2, o3, period, b);
  for (let t = period + 1; t < n; t++) {
    a = f64x2.div(f64x2.add(f64x2.mul(a, pm1), trueRangePair(h0, h1, l0, l1, c0, c1, t)), pv);
    b = f64x2.div(f64x2.add(f64x2.mul(b, pm1), trueRangePair(h2, h3, l2, l3, c2, c3, t)), pv);
    store2(o0, o1, t, a);
    store2(o2, o3, t, b);
  }
}
