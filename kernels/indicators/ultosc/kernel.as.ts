import { at, fillNaN, ld, resumInterval, st, TA_EPSILON } from '../../assembly/lib/common';
import { trueRange1, trueRange2 } from '../../assembly/lib/truerange';

// @ts-ignore: decorator
@inline function buying(low: usize, close: usize, i: i32): f64 {
  const l = ld(low, i), c = ld(close, i - 1);
  return ld(close, i) - (l < c ? l : c);
}

/** buying() of bars i and i + 1, one per lane: pmin(c, l) is `l < c ? l : c`. */
// @ts-ignore: decorator
@inline function buying2(low: usize, close: usize, i: i32): v128 {
  return f64x2.sub(v128.load(at(close, i)), f64x2.pmin(v128.load(at(close, i - 1)), v128.load(at(low, i))));
}

/** Two lanes' `isZero(b) ? +0 : w * (a / b)`: a term TA-Lib leaves out becomes a +0 that adds nothing. */
// @ts-ignore: decorator
@inline function ratioTerm(w: v128, a: v128, b: v128): v128 {
  const zero = v128.and(f64x2.gt(b, f64x2.splat(-TA_EPSILON)), f64x2.lt(b, f64x2.splat(TA_EPSILON)));
  return v128.andnot(f64x2.mul(w, f64x2.div(a, b)), zero);
}

/** [x, y] */
// @ts-ignore: decorator
@inline function pair(x: f64, y: f64): v128 {
  return f64x2.replace_lane(f64x2.splat(x), 1, y);
}

// @ts-ignore: decorator
@inline function isZero(v: f64): bool {
  return -TA_EPSILON < v && v < TA_EPSILON;
}

/**
 * ULTOSC with TA-Lib's operations (see the reference): the periods sorted, the sums primed left to
 * right at the start of each re-sum block, then per bar add today's terms, output, remove the
 * trailing terms (recomputed, as TA-Lib does). Two bars per step: their terms (and the trailing
 * ones) formed in SIMD lanes without branches, the six sums advanced serially in TA-Lib's order,
 * and the two bars' ratios and outputs divided side by side (four divisions for two bars, not eight).
 */
export function ultosc(high: usize, low: usize, close: usize, out: usize, n: i32, q1: i32, q2: i32, q3: i32): void {
  // Sort: p1 <= p2 <= p3.
  let p1 = min(q1, min(q2, q3));
  let p3 = max(q1, max(q2, q3));
  let p2 = q1 + q2 + q3 - p1 - p3;
  const lookback = p3;
  fillNaN(out, lookback, n);
  if (n <= lookback) return;
  const every = resumInterval(p3);
  const four = f64x2.splat(4.0), two = f64x2.splat(2.0), one = f64x2.splat(1.0);
  const zero = f64x2.splat(0), seven = f64x2.splat(7.0), hundred = f64x2.splat(100.0);
  for (let block = lookback; block < n; block += every) {
    const end = min(block + every, n);
    let a1: f64 = 0, b1: f64 = 0, a2: f64 = 0, b2: f64 = 0, a3: f64 = 0, b3: f64 = 0;
    for (let i = block - p1 + 1; i < block; i++) {
      a1 += buying(low, close, i);
      b1 += trueRange1(high, low, close, i);
    }
    for (let i = block - p2 + 1; i < block; i++) {
      a2 += buying(low, close, i);
      b2 += trueRange1(high, low, close, i);
    }
    for (let i = block - p3 + 1; i < block; i++) {
      a3 += buying(low, close, i);
      b3 += trueRange1(high, low, close, i);
    }
    let t = block;
    for (; t + 1 < end; t += 2) {
      const a = buying2(low, close, t), b = trueRange2(high, low, close, t);
      const oa1 = buying2(low, close, t - p1 + 1), ob1 = trueRange2(high, low, close, t - p1 + 1);
      const oa2 = buying2(low, close, t - p2 + 1), ob2 = trueRange2(high, low, close, t - p2 + 1);
      const oa3 = buying2(low, close, t - p3 + 1), ob3 = trueRange2(high, low, close, t - p3 + 1);
      // Bar t.
      let x = f64x2.extract_lane(a, 0), y = f64x2.extract_lane(b, 0);
      a1 += x; a2 += x; a3 += x;
      b1 += y; b2 += y; b3 += y;
      const a1t = a1, b1t = b1, a2t = a2, b2t = b2, a3t = a3, b3t = b3;
      a1 -= f64x2.extract_lane(oa1, 0); b1 -= f64x2.extract_lane(ob1, 0);
      a2 -= f64x2.extract_lane(oa2, 0); b2 -= f64x2.extract_lane(ob2, 0);
      a3 -= f64x2.extract_lane(oa3, 0); b3 -= f64x2.extract_lane(ob3, 0);
      // Bar t + 1.
      x = f64x2.extract_lane(a, 1);
      y = f64x2.extract_lane(b, 1);
      a1 += x; a2 += x; a3 += x;
      b1 += y; b2 += y; b3 += y;
      let output = f64x2.add(zero, ratioTerm(four, pair(a1t, a1), pair(b1t, b1)));
      output = f64x2.add(output, ratioTerm(two, pair(a2t, a2), pair(b2t, b2)));
      output = f64x2.add(output, ratioTerm(one, pair(a3t, a3), pair(b3t, b3)));
      a1 -= f64x2.extract_lane(oa1, 1); b1 -= f64x2.extract_lane(ob1, 1);
      a2 -= f64x2.extract_lane(oa2, 1); b2 -= f64x2.extract_lane(ob2, 1);
      a3 -= f64x2.extract_lane(oa3, 1); b3 -= f64x2.extract_lane(ob3, 1);
      v128.store(at(out, t), f64x2.mul(hundred, f64x2.div(output, seven)));
    }
    for (; t < end; t++) {
      const a = buying(low, close, t), b = trueRange1(high, low, close, t);
      a1 += a; a2 += a; a3 += a;
      b1 += b; b2 += b; b3 += b;
      let output: f64 = 0;
      if (!isZero(b1)) output += 4.0 * (a1 / b1);
      if (!isZero(b2)) output += 2.0 * (a2 / b2);
      if (!isZero(b3)) output += a3 / b3;
      let j = t - p1 + 1;
      a1 -= buying(low, close, j);
      b1 -= trueRange1(high, low, close, j);
      j = t - p2 + 1;
      a2 -= buying(low, close, j);
      b2 -= trueRange1(high, low, close, j);
      j = t - p3 + 1;
      a3 -= buying(low, close, j);
      b3 -= trueRange1(high, low, close, j);
      st(out, t, 100.0 * (output / 7.0));
    }
  }
}
