// The value `period` bars back (MOM, ROC) and TA-Lib's rate of change (ROC, TRIX).
import { windowAt, windowPush } from './window.ts';
import { counter, int, reals, ringFilling, type StateProblem, type StateSpec } from '../state.ts';

/** The last `period` values (a ring, `head` the oldest) and how many bars have been seen, up to period. */
export interface LagState {
  [key: string]: number | number[];
  window: number[];
  head: number;
  seen: number;
}

export function lagInit(period: number): LagState {
  return { window: new Array<number>(period).fill(0), head: 0, seen: 0 };
}

export function lagSpec(period: number): StateSpec {
  return { window: reals(period), head: int(0, period - 1), seen: counter(period) };
}

export function lagRelations(s: LagState): StateProblem | undefined {
  return ringFilling(s.window, s.head, s.seen, 'window', 'head');
}

/** Pushes x and returns x[-period], or NaN while fewer than `period` earlier bars exist. */
export function lagPush(s: LagState, x: number): number {
  if (s.seen < s.window.length) {
    s.seen++;
    windowPush(s, x);
    return NaN;
  }
  const old = windowAt(s, 0);
  windowPush(s, x);
  return old;
}

/** TA-Lib's ROC: ((x / old) - 1) * 100, and 0 when old is 0. */
export function roc(x: number, old: number): number {
  return old !== 0 ? (x / old - 1.0) * 100.0 : 0.0;
}
