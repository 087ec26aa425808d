import { streamKernel } from '../../src/define.ts';
import { resumInterval } from '../../src/reference/common.ts';
import { correlOf } from '../../src/reference/pairs.ts';
import { pairPush, pairSlot } from '../../src/reference/window.ts';
import { counter, int, real, reals, ringFilling, stillZero } from '../../src/state.ts';

interface CorrelState {
  [key: string]: number | number[];
  /** The last `period` values of each series, rings whose `head` is the oldest. */
  xs: number[];
  ys: number[];
  head: number;
  /** Bars seen, counted up to `period`. */
  seen: number;
  /** Between bars: sums over the last window (its `period` pairs). */
  sx: number;
  sy: number;
  sxx: number;
  syy: number;
  sxy: number;
  /** Outputs left until the sums are summed afresh. */
  untilResum: number;
}

/**
 * TA-Lib CORREL: running sums of x, y, x^2, y^2, xy over the window; at each bar the oldest pair is
 * subtracted, then the newest added (TA-Lib's order). Summed afresh, oldest first, at the first output
 * and every resumInterval(period) outputs.
 */
export const correlStream = streamKernel<CorrelState>({
  init: (p) => ({ xs: new Array<number>(p.period!).fill(0), ys: new Array<number>(p.period!).fill(0), head: 0, seen: 0, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0, untilResum: 0 }),
  spec: (p) => ({
    xs: reals(p.period!),
    ys: reals(p.period!),
    head: int(0, p.period! - 1),
    seen: counter(p.period!),
    sx: real(),
    sy: real(),
    sxx: real(),
    syy: real(),
    sxy: real(),
    untilResum: int(0, resumInterval(p.period!) - 1),
  }),
  relations: (s) =>
    ringFilling(s.xs, s.head, s.seen, 'xs', 'head') ??
    ringFilling(s.ys, s.head, s.seen, 'ys', 'head') ??
    (s.seen < s.xs.length ? stillZero(s, ['sx', 'sy', 'sxx', 'syy', 'sxy', 'untilResum'], 'before the first output') : undefined),
  update(s, bar, out, p) {
    const period = p.period!;
    const x = bar[0]!;
    const y = bar[1]!;
    if (s.seen < period) s.seen++;
    if (s.seen < period) {
      pairPush(s, x, y);
      out[0] = NaN;
      return;
    }
    if (s.untilResum === 0) {
      pairPush(s, x, y);
      s.sx = s.sy = s.sxx = s.syy = s.sxy = 0;
      for (let i = 0; i < period; i++) {
        const k = pairSlot(s, i);
        const a = s.xs[k]!;
        const b = s.ys[k]!;
        s.sx += a;
        s.sxx += a * a;
        s.sxy += a * b;
        s.sy += b;
        s.syy += b * b;
      }
      s.untilResum = resumInterval(period);
    } else {
      const k = pairSlot(s, 0);
      const a = s.xs[k]!;
      const b = s.ys[k]!;
      s.sx -= a;
      s.sxx -= a * a;
      s.sxy -= a * b;
      s.sy -= b;
      s.syy -= b * b;
      pairPush(s, x, y);
      s.sx += x;
      s.sxx += x * x;
      s.sxy += x * y;
      s.sy += y;
      s.syy += y * y;
    }
    out[0] = correlOf(period, s.sx, s.sy, s.sxx, s.syy, s.sxy);
    s.untilResum--;
  },
});
