import { aroonSeries } from '../../assembly/lib/aroon';

/** AROON: one pass tracking both extremes as TA-Lib does (a chain of data-dependent branches: scalar). */
export function aroon(high: usize, low: usize, aroonDown: usize, aroonUp: usize, n: i32, period: i32): void {
  aroonSeries(high, low, aroonDown, aroonUp, n, period, false);
}
