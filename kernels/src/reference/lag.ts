// The value `period` bars back (MOM, ROC, ROCP, ROCR, ROCR100) and TA-Lib's rates of change (also TRIX's).
import { streamKernel } from '../define.ts';
import type { StreamKernel } from '../types.ts';
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

/** TA-Lib's ROCP: (x - old) / old, and 0 when old is 0. */
export function rocp(x: number, old: number): number {
  return old !== 0 ? (x - old) / old : 0.0;
}

/** TA-Lib's ROCR: x / old, and 0 when old is 0. */
export function rocr(x: number, old: number): number {
  return old !== 0 ? x / old : 0.0;
}

/** TA-Lib's ROCR100: (x / old) * 100, and 0 when old is 0. */
export function rocr100(x: number, old: number): number {
  return old !== 0 ? (x / old) * 100.0 : 0.0;
}

/** A stream of change(x, x[-period]) over one input (MOM, ROC, ROCP, ROCR, ROCR100); NaN while warming up. */
export function changeStream(change: (x: number, old: number) => number): StreamKernel {
  return streamKernel<LagState>({
    init: (p) => lagInit(p.period!),
    spec: (p) => lagSpec(p.period!),
    relations: lagRelations,
    update(s, bar, out) {
      const x = bar[0]!;
      const old = lagPush(s, x);
      out[0] = Number.isNaN(old) ? NaN : change(x, old);
    },
  });
}
