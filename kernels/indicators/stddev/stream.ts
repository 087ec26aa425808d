import { streamKernel } from '../../src/define.ts';
import { resumInterval, TA_EPSILON } from '../../src/reference/common.ts';
import { windowAt, windowPush } from '../../src/reference/window.ts';
import { freshSum } from '../sma/stream.ts';

interface StddevState {
  [key: string]: number | number[];
  window: number[];
  head: number;
  seen: number;
  /** Between bars: sums of the newest period - 1 values and of their squares. */
  total: number;
  total2: number;
  untilResum: number;
}

/**
 * TA-Lib STDDEV (TA_INT_VAR, then the square root): variance = total2 / period - (total / period)^2
 * from running sums, 0 when below 1e-14 (TA_IS_ZERO_OR_NEG), else sqrt(variance) * nbDev. Both sums
 * are summed afresh at the first output and every resumInterval(period) outputs.
 */
export const stddevStream = streamKernel<StddevState>({
  init: (p) => ({ window: new Array<number>(p.period!).fill(0), head: 0, seen: 0, total: 0, total2: 0, untilResum: 0 }),
  update(s, bar, out, p) {
    const period = p.period!;
    const x = bar[0]!;
    if (s.seen < period) s.seen++;
    if (s.seen < period) {
      windowPush(s, x);
      out[0] = NaN;
      return;
    }
    if (s.untilResum === 0) {
      s.total = freshSum(s);
      s.total2 = freshSum(s, true);
      s.untilResum = resumInterval(period);
    }
    s.total += x;
    s.total2 += x * x;
    const mean = s.total / period;
    const mean2 = s.total2 / period;
    windowPush(s, x);
    const old = windowAt(s, 0);
    s.total -= old;
    s.total2 -= old * old;
    s.untilResum--;
    const variance = mean2 - mean * mean;
    out[0] = variance < TA_EPSILON ? 0 : Math.sqrt(variance) * p.nbDev!;
  },
});
