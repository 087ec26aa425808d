import { fillNaN } from '../../assembly/lib/common';
import { rollingExtreme, STORE } from '../../assembly/lib/extremes';
import { indexBlocksApply, TA_INDEX, walkIndexBlocks } from '../../assembly/lib/extreme-index';

/** MINMAXINDEX: both of TA-Lib's bars in one pass by blocks (no branch on the data) when they apply, else its tracking (see rollingExtreme). */
export function minmaxindex(x: usize, outMinIdx: usize, outMaxIdx: usize, n: i32, period: i32): void {
  fillNaN(outMinIdx, period - 1, n);
  fillNaN(outMaxIdx, period - 1, n);
  if (indexBlocksApply(x, x, n, period)) {
    walkIndexBlocks(x, x, outMaxIdx, outMinIdx, n, period, period, TA_INDEX);
    return;
  }
  rollingExtreme(x, 0, outMinIdx, n, period, false, STORE);
  rollingExtreme(x, 0, outMaxIdx, n, period, true, STORE);
}
