import { streamKernel } from '../../src/define.ts';
import { resumInterval, TA_EPSILON } from '../../src/reference/common.ts';
import { windowAt, windowPush } from '../../src/reference/window.ts';
import { freshSum } from '../sma/stream.ts';

interface BbandsState {
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
 * TA-Lib BBANDS with a simple moving average: middle = SMA, sd = sqrt(mean(x^2) - middle^2)
 * (population), 0 when that variance is below 1e-14; upper = middle + devUp*sd, lower = middle - devDown*sd.
 * Both running sums are summed afresh at the first output and every resumInterval(period) outputs.
 */
export const bbandsStream = streamKernel<BbandsState>({
  init: (p) => ({ window: new Array<number>(p.period!).fill(0), head: 0, seen: 0, total: 0, total2: 0, untilResum: 0 }),
  update(s, bar, out, p) {
    const period = p.period!;
    const x = bar[0]!;
    if (s.seen < period) s.seen++;
    if (s.seen < period) {
      windowPush(s, x);
      out[0] = out[1] = out[2] = NaN;
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
    const variance = s.total2 / period - mean * mean;
    windowPush(s, x);
    const old = windowAt(s, 0);
    s.total -= old;
    s.total2 -= old * old;
    s.untilResum--;
    const sd = variance < TA_EPSILON ? 0 : Math.sqrt(variance);
    out[0] = mean + sd * p.devUp!;
    out[1] = mean;
    out[2] = mean - sd * p.devDown!;
  },
});
