import { fillNaN, resumInterval } from '../../assembly/lib/common';
import { fastKRun, rollingMax, rollingMin } from '../../assembly/lib/extremes';
import { smaBlocks } from '../../assembly/lib/ma';

/**
 * STOCHF: rolling highs into fastK and lows into fastD (scratch), %K two bars per vector into fastK,
 * then %D as TA-Lib's SMA (re-summed in blocks) into fastD.
 */
export function stochf(high: usize, low: usize, close: usize, kOut: usize, dOut: usize, n: i32, kPeriod: i32, dPeriod: i32): void {
  const lookback = kPeriod - 1 + dPeriod - 1;
  if (n > lookback) {
    rollingMax(high, kOut, n, kPeriod);
    rollingMin(low, dOut, n, kPeriod);
    fastKRun(close, kOut, dOut, kOut, kPeriod - 1, n);
    smaBlocks(kOut, dOut, lookback, n, dPeriod, resumInterval(dPeriod));
  }
  fillNaN(kOut, lookback, n);
  fillNaN(dOut, lookback, n);
}
