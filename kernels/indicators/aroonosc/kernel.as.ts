import { fillNaN } from '../../assembly/lib/common';
import { aroonSeries } from '../../assembly/lib/aroon';
import { AROON_OSC, indexBlocksApply, walkIndexBlocks } from '../../assembly/lib/extreme-index';

/** AROONOSC: (100 / period) * (bar of the highest high - bar of the lowest low), the bars as AROON finds them. */
export function aroonosc(high: usize, low: usize, out: usize, n: i32, period: i32): void {
  if (indexBlocksApply(high, low, n, period + 1)) {
    fillNaN(out, period, n);
    walkIndexBlocks(high, low, out, 0, n, period + 1, period, AROON_OSC);
    return;
  }
  aroonSeries(high, low, out, out, n, period, true);
}
