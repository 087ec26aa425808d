import { streamKernel } from '../../src/define.ts';
import { windowAt, windowPush } from '../../src/reference/window.ts';
import { counter, int, real, reals, ringFilling, stillZero } from '../../src/state.ts';

interface WmaState {
  [key: string]: number | number[];
  /** The last `period` values, a ring whose `head` is the oldest. */
  window: number[];
  head: number;
  seen: number;
  /** TA-Lib's periodSum (weighted total, weights 1..period) and periodSub (plain total). */
  periodSum: number;
  periodSub: number;
  /** The value leaving the window at the next bar (0 right after a fresh sum, as in TA-Lib). */
  trailing: number;
  untilResum: number;
}

/**
 * Outputs between fresh sums. The weighted sum integrates the plain sum's rounding error, so its
 * error grows faster than SMA's (about steps^1.5 * eps instead of steps^0.5): WMA re-sums every
 * max(256, period) outputs, four times as often as SMA for short periods, so both kernels stay
 * within ~1e-12 relative of exact window sums.
 */
export function wmaResumInterval(period: number): number {
  return Math.max(256, period);
}

/** The integer 1 + 2 + ... + period (exact in doubles for every allowed period). */
export function wmaDivider(period: number): number {
  return (period * (period + 1)) / 2;
}

/**
 * TA-Lib WMA: periodSub is the window's plain sum, periodSum its weighted sum; per bar
 * periodSub += x, periodSub -= trailing, periodSum += x * period, output periodSum / divider, then
 * periodSum -= periodSub. Both sums are taken afresh (weights 1..period-1 over the newest period - 1
 * values, trailing 0) at the first output and every wmaResumInterval(period) outputs, exactly as TA-Lib
 * starts when asked from that bar.
 */
export const wmaStream = streamKernel<WmaState>({
  init: (p) => ({ window: new Array<number>(p.period!).fill(0), head: 0, seen: 0, periodSum: 0, periodSub: 0, trailing: 0, untilResum: 0 }),
  spec: (p) => ({
    window: reals(p.period!),
    head: int(0, p.period! - 1),
    seen: counter(p.period!),
    periodSum: real(),
    periodSub: real(),
    trailing: real(),
    untilResum: int(0, wmaResumInterval(p.period!) - 1),
  }),
  relations: (s) =>
    ringFilling(s.window, s.head, s.seen, 'window', 'head') ??
    (s.seen < s.window.length ? stillZero(s, ['periodSum', 'periodSub', 'trailing', 'untilResum'], 'before the first output') : undefined),
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
      let sub = 0;
      let sum = 0;
      for (let i = 1; i < period; i++) {
        const v = windowAt(s, i);
        sub += v;
        sum += v * i;
      }
      s.periodSub = sub;
      s.periodSum = sum;
      s.trailing = 0;
      s.untilResum = wmaResumInterval(period);
    }
    s.periodSub += x;
    s.periodSub -= s.trailing;
    s.periodSum += x * period;
    windowPush(s, x);
    s.trailing = windowAt(s, 0);
    out[0] = s.periodSum / wmaDivider(period);
    s.periodSum -= s.periodSub;
    s.untilResum--;
  },
});
