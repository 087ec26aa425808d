// The arithmetic of TA-Lib's two-series statistics (BETA, CORREL), as in src/reference/pairs.ts.
import { ld, TA_EPSILON } from './common';

// @ts-ignore: decorator
@inline export function isZero(v: f64): bool {
  return -TA_EPSILON < v && v < TA_EPSILON;
}

/** The return into bar i of series p: (p[i] - p[i-1]) / p[i-1], 0 when p[i-1] is zero to 1e-14. */
// @ts-ignore: decorator
@inline export function betaReturn(p: usize, i: i32): f64 {
  const prev = ld(p, i - 1);
  return isZero(prev) ? 0 : (ld(p, i) - prev) / prev;
}

// @ts-ignore: decorator
@inline export function betaOf(n: f64, sxx: f64, sxy: f64, sx: f64, sy: f64): f64 {
  const d = n * sxx - sx * sx;
  return isZero(d) ? 0 : (n * sxy - sx * sy) / d;
}

// @ts-ignore: decorator
@inline export function correlOf(n: f64, sx: f64, sy: f64, sxx: f64, syy: f64, sxy: f64): f64 {
  const v = (sxx - (sx * sx) / n) * (syy - (sy * sy) / n);
  return v < TA_EPSILON ? 0 : (sxy - (sx * sy) / n) / Math.sqrt(v);
}
