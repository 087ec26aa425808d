// The arithmetic of TA-Lib's two-series statistics (BETA, CORREL).
import { TA_EPSILON } from './common.ts';

/** TA_IS_ZERO: strictly within 1e-14 of zero. */
export function isZero(v: number): boolean {
  return -TA_EPSILON < v && v < TA_EPSILON;
}

/** BETA's return from `prev` to `price`: (price - prev) / prev, 0 when prev is zero to 1e-14 (TA-Lib). */
export function betaReturn(price: number, prev: number): number {
  return isZero(prev) ? 0 : (price - prev) / prev;
}

/** BETA from the sums of n returns: (n*Sxy - Sx*Sy) / (n*Sxx - Sx^2), 0 when that divisor is zero to 1e-14. */
export function betaOf(n: number, sxx: number, sxy: number, sx: number, sy: number): number {
  const d = n * sxx - sx * sx;
  return isZero(d) ? 0 : (n * sxy - sx * sy) / d;
}

/**
 * CORREL from the sums of n pairs: (Sxy - Sx*Sy/n) / sqrt((Sxx - Sx^2/n) * (Syy - Sy^2/n)), 0 when
 * that product is below 1e-14 (TA_IS_ZERO_OR_NEG: an absolute threshold).
 */
export function correlOf(n: number, sx: number, sy: number, sxx: number, syy: number, sxy: number): number {
  const v = (sxx - (sx * sx) / n) * (syy - (sy * sy) / n);
  return v < TA_EPSILON ? 0 : (sxy - (sx * sy) / n) / Math.sqrt(v);
}
