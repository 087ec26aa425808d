import { fillNaN } from '../../assembly/lib/common';
import { rangePosition, rollingMax } from '../../assembly/lib/extremes';
import { MA_STORE, maPass, maTypeLookback, smaBlocks } from '../../assembly/lib/ma';
import { rsiSeries as rsi } from '../../assembly/lib/rsi';

/**
 * STOCHRSI: the RSI kernel into fastD (scratch), its rolling highs into fastK, then one pass tracking
 * the rolling lows and writing %K into fastK, and %D as TA-Lib's SMA (one block: TA-Lib never
 * re-sums) or one pass of the MA type into fastD.
 */
export function stochrsi(x: usize, kOut: usize, dOut: usize, n: i32, period: i32, fastK: i32, fastD: i32, dType: i32): void {
  const lookback = period + fastK - 1 + maTypeLookback(dType, fastD);
  if (n > lookback) {
    rsi(x, dOut, n, period);
    const off = <usize>period << 3;
    const m = n - period;
    rollingMax(dOut + off, kOut + off, m, fastK);
    rangePosition(dOut + off, dOut + off, kOut + off, m, fastK, false);
    if (dType == 0) smaBlocks(kOut, dOut, lookback, n, fastD, n);
    else maPass(kOut, dOut, period + fastK - 1, n, dType, fastD, 0, MA_STORE);
  }
  fillNaN(kOut, lookback, n);
  fillNaN(dOut, lookback, n);
}
