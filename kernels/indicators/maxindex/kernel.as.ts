import { fillNaN } from '../../assembly/lib/common';
import { rollingExtreme, STORE } from '../../assembly/lib/extremes';
import { indexBlocksApply, TA_INDEX, walkIndexBlocks } from '../../assembly/lib/extreme-index';

/** MAXINDEX: TA-Lib's bars by blocks (no branch on the data) when they apply, else its tracking (see rollingExtreme). */
export function maxindex(x: usize, out: usize, n: i32, period: i32): void {
  fillNaN(out, period - 1, n);
  if (indexBlocksApply(x, x, n, period)) walkIndexBlocks(x, x, out, 0, n, period, period, TA_INDEX);
  else rollingExtreme(x, 0, out, n, period, true, STORE);
}
