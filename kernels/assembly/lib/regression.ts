// TA-Lib's least-squares line over a window (LINEARREG and its family): each output's window summed
// afresh in TA-Lib's order, two outputs at a time in the two lanes (each lane performs exactly the
// scalar operations, so the results are TA-Lib's bit for bit).
import { at, fillNaN, ld, st } from './common';

export const LINE_END: i32 = 0; // b + m * (period - 1): LINEARREG
export const SLOPE: i32 = 1; // m: LINEARREG_SLOPE
export const INTERCEPT: i32 = 2; // b: LINEARREG_INTERCEPT
export const ANGLE: i32 = 3; // atan(m) in degrees: LINEARREG_ANGLE
export const FORECAST: i32 = 4; // b + m * period: TSF

const DEGREES_PER_RADIAN: f64 = 180.0 / Math.PI;

// @ts-ignore: decorator
@inline function finish(m: f64, sumY: f64, sumX: f64, p: f64, what: i32): f64 {
  if (what == SLOPE) return m;
  if (what == ANGLE) return Math.atan(m) * DEGREES_PER_RADIAN;
  const b = (sumY - m * sumX) / p;
  if (what == INTERCEPT) return b;
  return b + m * (what == FORECAST ? p : p - 1.0);
}

/** The `what` of two outputs (one per lane) from their slopes and window sums: finish's operations per lane. */
// @ts-ignore: decorator
@inline function finishPair(out: usize, t: i32, m: v128, sumY: v128, sumX: f64, p: f64, what: i32): void {
  if (what == ANGLE) {
    st(out, t, finish(f64x2.extract_lane(m, 0), 0, sumX, p, what));
    st(out, t + 1, finish(f64x2.extract_lane(m, 1), 0, sumX, p, what));
    return;
  }
  if (what == SLOPE) {
    v128.store(at(out, t), m);
    return;
  }
  const b = f64x2.div(f64x2.sub(sumY, f64x2.mul(m, f64x2.splat(sumX))), f64x2.splat(p));
  if (what == INTERCEPT) {
    v128.store(at(out, t), b);
    return;
  }
  v128.store(at(out, t), f64x2.add(b, f64x2.mul(m, f64x2.splat(what == FORECAST ? p : p - 1.0))));
}

/** The slopes of two windows (one per lane) from their sums: (p * sumXY - sumX * sumY) / divisor. */
// @ts-ignore: decorator
@inline function slopePair(sumXY: v128, sumY: v128, p: v128, sumX: v128, divisor: v128): v128 {
  return f64x2.div(f64x2.sub(f64x2.mul(p, sumXY), f64x2.mul(sumX, sumY)), divisor);
}

/**
 * out[t] for t in [period-1, n): the `what` of the line fitted to x[t-period+1..t]. period <= 1024.
 * Each window's two sums are serial chains of `period` additions; eight outputs (four pairs of lanes)
 * are summed side by side so the chains overlap instead of waiting on the adder's latency.
 */
export function linearRegression(x: usize, out: usize, n: i32, period: i32, what: i32): void {
  const lookback = period - 1;
  fillNaN(out, lookback, n);
  const p = <f64>period;
  const sumX = p * (p - 1) * 0.5;
  const sumXSqr = (p * (p - 1) * (2 * p - 1)) / 6;
  const divisor = sumX * sumX - p * sumXSqr;
  const pv = f64x2.splat(p), sumXv = f64x2.splat(sumX), divisorV = f64x2.splat(divisor);
  let t = lookback;
  for (; t + 7 < n; t += 8) {
    let y0 = f64x2.splat(0), y1 = y0, y2 = y0, y3 = y0;
    let xy0 = y0, xy1 = y0, xy2 = y0, xy3 = y0;
    for (let i = lookback; i >= 0; i--) {
      const iv = f64x2.splat(<f64>i);
      const from = at(x, t - i);
      const v0 = v128.load(from), v1 = v128.load(from, 16), v2 = v128.load(from, 32), v3 = v128.load(from, 48);
      y0 = f64x2.add(y0, v0);
      y1 = f64x2.add(y1, v1);
      y2 = f64x2.add(y2, v2);
      y3 = f64x2.add(y3, v3);
      xy0 = f64x2.add(xy0, f64x2.mul(iv, v0));
      xy1 = f64x2.add(xy1, f64x2.mul(iv, v1));
      xy2 = f64x2.add(xy2, f64x2.mul(iv, v2));
      xy3 = f64x2.add(xy3, f64x2.mul(iv, v3));
    }
    finishPair(out, t, slopePair(xy0, y0, pv, sumXv, divisorV), y0, sumX, p, what);
    finishPair(out, t + 2, slopePair(xy1, y1, pv, sumXv, divisorV), y1, sumX, p, what);
    finishPair(out, t + 4, slopePair(xy2, y2, pv, sumXv, divisorV), y2, sumX, p, what);
    finishPair(out, t + 6, slopePair(xy3, y3, pv, sumXv, divisorV), y3, sumX, p, what);
  }
  for (; t + 1 < n; t += 2) {
    let sumY = f64x2.splat(0);
    let sumXY = f64x2.splat(0);
    for (let i = lookback; i >= 0; i--) {
      const v = v128.load(at(x, t - i));
      sumY = f64x2.add(sumY, v);
      sumXY = f64x2.add(sumXY, f64x2.mul(f64x2.splat(<f64>i), v));
    }
    finishPair(out, t, slopePair(sumXY, sumY, pv, sumXv, divisorV), sumY, sumX, p, what);
  }
  for (; t < n; t++) {
    let sumY: f64 = 0;
    let sumXY: f64 = 0;
    for (let i = lookback; i >= 0; i--) {
      const v = ld(x, t - i);
      sumY += v;
      sumXY += <f64>i * v;
    }
    st(out, t, finish((p * sumXY - sumX * sumY) / divisor, sumY, sumX, p, what));
  }
}
