import { streamKernel } from '../../src/define.ts';
import { trueRange } from '../trange/stream.ts';
import { int, nonNegative, real, stillZero, type StateProblem, type StateSpec } from '../../src/state.ts';
import type { Params } from '../../src/types.ts';

export interface AtrState {
  [key: string]: number;
  /** Bars seen, counted up to period + 1. */
  seen: number;
  prevClose: number;
  /** The sum of the true ranges while seeding, then the ATR. */
  atr: number;
}

export function atrInit(): AtrState {
  return { seen: 0, prevClose: 0, atr: 0 };
}

export function atrSpec(p: Params): StateSpec {
  return { seen: int(0, p.period! + 1), prevClose: real(), atr: nonNegative() };
}

/** Nothing is summed before the second bar. */
export function atrRelations(s: AtrState): StateProblem | undefined {
  return s.seen <= 1 ? stillZero(s, s.seen === 0 ? ['prevClose', 'atr'] : ['atr'], 'before the second bar') : undefined;
}

/**
 * One bar of TA-Lib's ATR; returns the ATR after it, or NaN while warming up. The first ATR (bar
 * `period`) is the mean of the true ranges of bars 1..period summed left to right; then Wilder's
 * smoothing in TA-Lib's statement order: atr *= period - 1; atr += tr; atr /= period.
 */
export function atrStep(s: AtrState, high: number, low: number, close: number, period: number): number {
  const seen = s.seen;
  const prevClose = s.prevClose;
  s.prevClose = close;
  if (seen === 0) {
    s.seen = 1;
    return NaN;
  }
  const tr = trueRange(high, low, prevClose);
  if (seen <= period) {
    s.atr += tr;
    s.seen = seen + 1;
    if (seen < period) return NaN;
    s.atr /= period;
    return s.atr;
  }
  s.atr *= period - 1;
  s.atr += tr;
  s.atr /= period;
  return s.atr;
}

/** TA-Lib ATR: the true range, seeded with its plain mean, then Wilder-smoothed. */
export const atrStream = streamKernel<AtrState>({
  init: atrInit,
  spec: atrSpec,
  relations: atrRelations,
  update(s, bar, out, p) {
    out[0] = atrStep(s, bar[0]!, bar[1]!, bar[2]!, p.period!);
  },
});
