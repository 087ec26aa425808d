import { fillNaN } from '../../assembly/lib/common';
import { BLOCK_WINDOW_MAX, rangePosition, rollingMax, williamsRBlocks } from '../../assembly/lib/extremes';

/**
 * WILLR: the window extremes by blocks (williamsRBlocks) up to BLOCK_WINDOW_MAX bars; longer
 * windows take the rolling highs into `out`, then one pass tracking the lows, as TA-Lib does.
 */
export function willr(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): void {
  fillNaN(out, period - 1, n);
  if (n < period) return;
  if (period <= BLOCK_WINDOW_MAX) {
    williamsRBlocks(high, low, close, out, n, period);
    return;
  }
  rollingMax(high, out, n, period);
  rangePosition(low, close, out, n, period, true);
}
