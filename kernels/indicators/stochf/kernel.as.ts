import { fillNaN, resumInterval } from '../../assembly/lib/common';
import { fastKRun, rollingHighLow } from '../../assembly/lib/extremes';
import { MA_STORE, maPass, maTypeLookback, smaBlocks } from '../../assembly/lib/ma';

/**
 * STOCHF: rolling highs into fastK and lows into fastD (scratch), %K two bars per vector into fastK,
 * then %D into fastD: TA-Lib's SMA re-summed in blocks (type 0) or one pass of the MA type.
 */
export function stochf(high: usize, low: usize, close: usize, kOut: usize, dOut: usize, n: i32, kPeriod: i32, dPeriod: i32, dType: i32): void {
  const lookback = kPeriod - 1 + maTypeLookback(dType, dPeriod);
  if (n > lookback) {
    rollingHighLow(high, low, kOut, dOut, n, kPeriod);
    fastKRun(close, kOut, dOut, kOut, kPeriod - 1, n);
    if (dType == 0) smaBlocks(kOut, dOut, lookback, n, dPeriod, resumInterval(dPeriod));
    else maPass(kOut, dOut, kPeriod - 1, n, dType, dPeriod, 0, MA_STORE);
  }
  fillNaN(kOut, lookback, n);
  fillNaN(dOut, lookback, n);
}
