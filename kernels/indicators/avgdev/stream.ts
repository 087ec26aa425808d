import { streamKernel } from '../../src/define.ts';
import { windowAt, windowPush } from '../../src/reference/window.ts';
import { counter, int, reals, ringFilling } from '../../src/state.ts';

interface AvgdevState {
  [key: string]: number | number[];
  /** The last `period` values, a ring whose `head` is the oldest. */
  window: number[];
  head: number;
  /** Bars seen, counted up to `period`. */
  seen: number;
}

/**
 * TA-Lib AVGDEV: mean of |x - mean| over the window, both sums formed afresh every bar from the
 * newest value back to the oldest, the mean as sum / period.
 */
export const avgdevStream = streamKernel<AvgdevState>({
  init: (p) => ({ window: new Array<number>(p.period!).fill(0), head: 0, seen: 0 }),
  spec: (p) => ({ window: reals(p.period!), head: int(0, p.period! - 1), seen: counter(p.period!) }),
  relations: (s) => ringFilling(s.window, s.head, s.seen, 'window', 'head'),
  update(s, bar, out) {
    const period = s.window.length;
    windowPush(s, bar[0]!);
    if (s.seen < period) s.seen++;
    if (s.seen < period) {
      out[0] = NaN;
      return;
    }
    let sum = 0;
    for (let i = period - 1; i >= 0; i--) sum += windowAt(s, i);
    const mean = sum / period;
    let dev = 0;
    for (let i = period - 1; i >= 0; i--) dev += Math.abs(windowAt(s, i) - mean);
    out[0] = dev / period;
  },
});
