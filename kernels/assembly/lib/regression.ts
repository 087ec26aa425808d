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

/** out[t] for t in [period-1, n): the `what` of the line fitted to x[t-period+1..t]. period <= 1024. */
export function linearRegression(x: usize, out: usize, n: i32, period: i32, what: i32): void {
  const lookback = period - 1;
  fillNaN(out, lookback, n);
  const p = <f64>period;
  const sumX = p * (p - 1) * 0.5;
  const sumXSqr = (p * (p - 1) * (2 * p - 1)) / 6;
  const divisor = sumX * sumX - p * sumXSqr;
  let t = lookback;
  for (; t + 1 < n; t += 2) {
    let sumY = f64x2.splat(0);
    let sumXY = f64x2.splat(0);
    for (let i = lookback; i >= 0; i--) {
      const v = v128.load(at(x, t - i));
      sumY = f64x2.add(sumY, v);
      sumXY = f64x2.add(sumXY, f64x2.mul(f64x2.splat(<f64>i), v));
    }
    const m = f64x2.div(f64x2.sub(f64x2.mul(f64x2.splat(p), sumXY), f64x2.mul(f64x2.splat(sumX), sumY)), f64x2.splat(divisor));
    st(out, t, finish(f64x2.extract_lane(m, 0), f64x2.extract_lane(sumY, 0), sumX, p, what));
    st(out, t + 1, finish(f64x2.extract_lane(m, 1), f64x2.extract_lane(sumY, 1), sumX, p, what));
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
