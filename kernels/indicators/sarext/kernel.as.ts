import { parabolicSeries } from '../../assembly/lib/parabolic';

/** SAREXT: TA-Lib's parabolic loop with all eight parameters, negated while short. */
export function sarext(
  high: usize, low: usize, out: usize, n: i32,
  startValue: f64, offsetOnReverse: f64,
  initLong: f64, stepLong: f64, maxLong: f64,
  initShort: f64, stepShort: f64, maxShort: f64,
): void {
  parabolicSeries(high, low, out, n, startValue, offsetOnReverse, initLong, stepLong, maxLong, initShort, stepShort, maxShort, true);
}
