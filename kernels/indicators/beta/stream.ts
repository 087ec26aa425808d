import { streamKernel } from '../../src/define.ts';
import { resumInterval } from '../../src/reference/common.ts';
import { betaOf, betaReturn } from '../../src/reference/pairs.ts';
import { pairPush, pairSlot } from '../../src/reference/window.ts';
import { counter, int, real, reals, ringFilling, stillZero } from '../../src/state.ts';

interface BetaState {
  [key: string]: number | number[];
  /** The last `period` returns of each series, rings whose `head` is the oldest. */
  xs: number[];
  ys: number[];
  head: number;
  /** Bars seen, counted up to period + 1 (the first bar gives no return). */
  seen: number;
  /** The previous bar's values. */
  lastX: number;
  lastY: number;
  /** Between bars: sums over the newest period - 1 returns. */
  sxx: number;
  sxy: number;
  sx: number;
  sy: number;
  /** Outputs left until the sums are summed afresh. */
  untilResum: number;
}

/**
 * TA-Lib BETA: returns of both series, running sums of x^2, xy, x, y over the last `period` of them
 * (add the newest, emit, subtract the oldest), summed afresh at the first output and every
 * resumInterval(period) outputs.
 */
export const betaStream = streamKernel<BetaState>({
  init: (p) => ({ xs: new Array<number>(p.period!).fill(0), ys: new Array<number>(p.period!).fill(0), head: 0, seen: 0, lastX: 0, lastY: 0, sxx: 0, sxy: 0, sx: 0, sy: 0, untilResum: 0 }),
  spec: (p) => ({
    xs: reals(p.period!),
    ys: reals(p.period!),
    head: int(0, p.period! - 1),
    seen: counter(p.period! + 1),
    lastX: real(),
    lastY: real(),
    sxx: real(),
    sxy: real(),
    sx: real(),
    sy: real(),
    untilResum: int(0, resumInterval(p.period!) - 1),
  }),
  relations: (s) => {
    const returns = Math.max(0, s.seen - 1);
    return ringFilling(s.xs, s.head, returns, 'xs', 'head') ??
      ringFilling(s.ys, s.head, returns, 'ys', 'head') ??
      (s.seen === 0 ? stillZero(s, ['lastX', 'lastY'], 'before the first bar') : undefined) ??
      (returns < s.xs.length ? stillZero(s, ['sxx', 'sxy', 'sx', 'sy', 'untilResum'], 'before the first output') : undefined);
  },
  update(s, bar, out, p) {
    const period = p.period!;
    const px = bar[0]!;
    const py = bar[1]!;
    if (s.seen === 0) {
      s.seen = 1;
      s.lastX = px;
      s.lastY = py;
      out[0] = NaN;
      return;
    }
    const x = betaReturn(px, s.lastX);
    const y = betaReturn(py, s.lastY);
    s.lastX = px;
    s.lastY = py;
    if (s.seen <= period) s.seen++;
    if (s.seen <= period) {
      pairPush(s, x, y);
      out[0] = NaN;
      return;
    }
    if (s.untilResum === 0) {
      s.sxx = s.sxy = s.sx = s.sy = 0;
      for (let i = 1; i < period; i++) {
        const k = pairSlot(s, i);
        const a = s.xs[k]!;
        const b = s.ys[k]!;
        s.sxx += a * a;
        s.sxy += a * b;
        s.sx += a;
        s.sy += b;
      }
      s.untilResum = resumInterval(period);
    }
    s.sxx += x * x;
    s.sxy += x * y;
    s.sx += x;
    s.sy += y;
    out[0] = betaOf(period, s.sxx, s.sxy, s.sx, s.sy);
    pairPush(s, x, y);
    const k = pairSlot(s, 0);
    const a = s.xs[k]!;
    const b = s.ys[k]!;
    s.sxx -= a * a;
    s.sxy -= a * b;
    s.sx -= a;
    s.sy -= b;
    s.untilResum--;
  },
});
