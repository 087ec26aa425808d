import { fillNaN, ld, resumInterval, st, TA_EPSILON } from '../../assembly/lib/common';
import { trueRange1 } from '../../assembly/lib/truerange';

// @ts-ignore: decorator
@inline function buying(low: usize, close: usize, i: i32): f64 {
  const l = ld(low, i), c = ld(close, i - 1);
  return ld(close, i) - (l < c ? l : c);
}

// @ts-ignore: decorator
@inline function isZero(v: f64): bool {
  return -TA_EPSILON < v && v < TA_EPSILON;
}

/**
 * ULTOSC with TA-Lib's operations (see the reference): the periods sorted, the sums primed left to
 * right at the start of each re-sum block, then per bar add today's terms, output, remove the
 * trailing terms (recomputed, as TA-Lib does). Scalar: three division chains per bar with branches.
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
    for (let t = block; t < end; t++) {
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
