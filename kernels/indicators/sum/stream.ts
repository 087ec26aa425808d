import { streamKernel } from '../../src/define.ts';
import { resumInterval } from '../../src/reference/common.ts';
import { freshSum } from '../../src/reference/moments.ts';
import { windowAt, windowPush } from '../../src/reference/window.ts';
import { counter, int, real, reals, ringFilling, stillZero } from '../../src/state.ts';

interface SumState {
  [key: string]: number | number[];
  /** The last `period` values, a ring whose `head` is the oldest. */
  window: number[];
  head: number;
  /** Bars seen, counted up to `period`. */
  seen: number;
  /** Between bars: the sum of the newest period - 1 values. */
  total: number;
  /** Outputs left until the total is summed afresh. */
  untilResum: number;
}

/**
 * TA-Lib SUM: add the newest value, emit the total, subtract the oldest. The total is summed afresh,
 * oldest first, at the first output and then every resumInterval(period) outputs.
 */
export const sumStream = streamKernel<SumState>({
  init: (p) => ({ window: new Array<number>(p.period!).fill(0), head: 0, seen: 0, total: 0, untilResum: 0 }),
  spec: (p) => ({ window: reals(p.period!), head: int(0, p.period! - 1), seen: counter(p.period!), total: real(), untilResum: int(0, resumInterval(p.period!) - 1) }),
  relations: (s) =>
    ringFilling(s.window, s.head, s.seen, 'window', 'head') ?? (s.seen < s.window.length ? stillZero(s, ['total', 'untilResum'], 'before the first output') : undefined),
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
      s.untilResum = resumInterval(period);
    }
    s.total += x;
    out[0] = s.total;
    windowPush(s, x);
    s.total -= windowAt(s, 0);
    s.untilResum--;
  },
});
