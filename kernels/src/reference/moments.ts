import { resumInterval } from './common.ts';
import { windowAt, windowPush } from './window.ts';
import { counter, int, real, reals, ringFilling, stillZero, type StateProblem, type StateSpec } from '../state.ts';

/** Running sums of a window and of its squares, TA-Lib style, re-summed periodically. */
export interface MomentsState {
  [key: string]: number | number[];
  /** The last `period` values, a ring whose `head` is the oldest. */
  window: number[];
  head: number;
  /** Bars seen, counted up to `period`. */
  seen: number;
  /** Between bars: sums of the newest period - 1 values and of their squares. */
  total: number;
  total2: number;
  /** Outputs left until both sums are summed afresh. */
  untilResum: number;
}

export function momentsInit(period: number): MomentsState {
  return { window: new Array<number>(period).fill(0), head: 0, seen: 0, total: 0, total2: 0, untilResum: 0 };
}

export function momentsSpec(period: number): StateSpec {
  return { window: reals(period), head: int(0, period - 1), seen: counter(period), total: real(), total2: real(), untilResum: int(0, resumInterval(period) - 1) };
}

/** The window fills from slot 0; the sums are formed at the first output. */
export function momentsRelations(s: MomentsState): StateProblem | undefined {
  return ringFilling(s.window, s.head, s.seen, 'window', 'head') ?? (s.seen < s.window.length ? stillZero(s, ['total', 'total2', 'untilResum'], 'before the first output') : undefined);
}

/** Sum of the newest period - 1 values of the window (or their squares), oldest first. */
export function freshSum(s: { window: number[]; head: number }, square = false): number {
  let sum = 0;
  for (let i = 1; i < s.window.length; i++) {
    const v = windowAt(s, i);
    sum += square ? v * v : v;
  }
  return sum;
}

/**
 * Feeds one value. While the window fills it returns false; after that it writes the window's mean
 * and mean of squares into `out` ([mean, mean2]) with TA-Lib's operation order (add the newest,
 * divide, subtract the oldest) and returns true. Both sums are summed afresh at the first output and
 * every resumInterval(period) outputs.
 */
export function momentsUpdate(s: MomentsState, x: number, period: number, out: Float64Array): boolean {
  if (s.seen < period) s.seen++;
  if (s.seen < period) {
    windowPush(s, x);
    return false;
  }
  if (s.untilResum === 0) {
    s.total = freshSum(s);
    s.total2 = freshSum(s, true);
    s.untilResum = resumInterval(period);
  }
  s.total += x;
  s.total2 += x * x;
  out[0] = s.total / period;
  out[1] = s.total2 / period;
  windowPush(s, x);
  const old = windowAt(s, 0);
  s.total -= old;
  s.total2 -= old * old;
  s.untilResum--;
  return true;
}
