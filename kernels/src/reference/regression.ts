// TA-Lib's least-squares line over a window (LINEARREG, LINEARREG_SLOPE, LINEARREG_INTERCEPT,
// LINEARREG_ANGLE, TSF): every output sums its window afresh, in TA-Lib's order.
import { streamKernel } from '../define.ts';
import { counter, int, reals, ringFilling } from '../state.ts';
import type { StreamKernel } from '../types.ts';
import { windowAt, windowPush, type WindowState } from './window.ts';

/** The window's x values are 0..period-1 from the newest back (TA-Lib's `i`), so these are constants. */
export interface RegressionConstants {
  sumX: number;
  divisor: number;
}

/**
 * TA-Lib computes sum(x) = p(p-1)/2 and sum(x^2) = p(p-1)(2p-1)/6 in C int arithmetic, which overflows
 * for periods above 1024 (p(p-1)(2p-1) > 2^31): the parameter stops there (REGRESSION_MAX_PERIOD), and
 * below it these doubles hold the same exact integers.
 */
export const REGRESSION_MAX_PERIOD = 1024;

export function regressionConstants(period: number): RegressionConstants {
  const sumX = period * (period - 1) * 0.5;
  const sumXSqr = (period * (period - 1) * (2 * period - 1)) / 6;
  return { sumX, divisor: sumX * sumX - period * sumXSqr };
}

/**
 * Slope m and intercept b of a full window, into out = [m, b], exactly as TA-Lib forms them: sums
 * oldest first with x = period-1 down to 0, m = (p*sumXY - sumX*sumY) / divisor, b = (sumY - m*sumX) / p.
 */
export function linearFit(s: WindowState, c: RegressionConstants, out: Float64Array): void {
  const period = s.window.length;
  let sumY = 0;
  let sumXY = 0;
  for (let i = period - 1; i >= 0; i--) {
    const v = windowAt(s, period - 1 - i);
    sumY += v;
    sumXY += i * v;
  }
  const m = (period * sumXY - c.sumX * sumY) / c.divisor;
  out[0] = m;
  out[1] = (sumY - m * c.sumX) / period;
}

/** TA-Lib's degrees per radian, 180.0 / PI with its PI (the double nearest pi, as Math.PI). */
export const DEGREES_PER_RADIAN = 180.0 / Math.PI;

interface RegressionState {
  [key: string]: number | number[];
  /** The last `period` values, a ring whose `head` is the oldest. */
  window: number[];
  head: number;
  /** Bars seen, counted up to `period`. */
  seen: number;
}

/**
 * The stream of one member of the family: the least-squares line through the window, fitted afresh
 * every bar, and `output(m, b, period)` of its slope m and intercept b (NaN until the window is full).
 */
export function regressionStream(output: (m: number, b: number, period: number) => number): StreamKernel {
  const fit = new Float64Array(2);
  return streamKernel<RegressionState>({
    init: (p) => ({ window: new Array<number>(p.period!).fill(0), head: 0, seen: 0 }),
    spec: (p) => ({ window: reals(p.period!), head: int(0, p.period! - 1), seen: counter(p.period!) }),
    relations: (s) => ringFilling(s.window, s.head, s.seen, 'window', 'head'),
    derive: (p) => ({ ...regressionConstants(p.period!) }),
    update(s, bar, out, p) {
      windowPush(s, bar[0]!);
      if (s.seen < s.window.length) s.seen++;
      if (s.seen < s.window.length) {
        out[0] = NaN;
        return;
      }
      linearFit(s, { sumX: p.sumX!, divisor: p.divisor! }, fit);
      out[0] = output(fit[0]!, fit[1]!, p.period!);
    },
  });
}
