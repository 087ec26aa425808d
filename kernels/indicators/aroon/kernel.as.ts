import { fillNaN } from '../../assembly/lib/common';
import { aroonSeries } from '../../assembly/lib/aroon';
import { AROON, indexBlocksApply, walkIndexBlocks } from '../../assembly/lib/extreme-index';

/** AROON: the extremes' bars by blocks (no branch on the data) when they apply, else TA-Lib's tracking. */
export function aroon(high: usize, low: usize, aroonDown: usize, aroonUp: usize, n: i32, period: i32): void {
  if (indexBlocksApply(high, low, n, period + 1)) {
    fillNaN(aroonDown, period, n);
    fillNaN(aroonUp, period, n);
    walkIndexBlocks(high, low, aroonDown, aroonUp, n, period + 1, period, AROON);
    return;
  }
  aroonSeries(high, low, aroonDown, aroonUp, n, period, false);
}
