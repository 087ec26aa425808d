// TA-Lib's Wilder averages of gains and losses as a state machine: RSI (and STOCHRSI over it), CMO.
import { counter, int, nonNegative, real, stillZero, type StateProblem, type StateSpec } from '../state.ts';
import type { Params } from '../types.ts';
import { TA_EPSILON } from './common.ts';

export interface RsiState {
  [key: string]: number;
  /** Price changes seen, counted up to `period`; -1 before the first bar. */
  changes: number;
  prev: number;
  gain: number;
  loss: number;
}

export function rsiSpec(p: Params): StateSpec {
  return { changes: counter(p.period!, -1, -1), prev: real(), gain: nonNegative(), loss: nonNegative() };
}

/** Before the first change the averages are still 0 (and before the first bar, the previous close too). */
export function rsiRelations(s: RsiFields): StateProblem | undefined {
  if (s.changes <= 0) return stillZero(s, s.changes < 0 ? ['prev', 'gain', 'loss'] : ['gain', 'loss'], 'before the first price change');
  return undefined;
}

/** The RSI's fields, inside a larger state too (STOCHRSI). */
export type RsiFields = Pick<RsiState, 'changes' | 'prev' | 'gain' | 'loss'>;

export function rsiInit(): RsiState {
  return { changes: -1, prev: 0, gain: 0, loss: 0 };
}

/**
 * One bar of TA-Lib's Wilder averages of gains and losses (RSI, CMO): plain means of the first
 * `period` changes, then (prev * (period - 1) + x) / period. False while warming up.
 */
export function gainLossStep(s: RsiFields, x: number, period: number): boolean {
  const d = x - s.prev;
  s.prev = x;
  if (s.changes < period) {
    s.changes++;
    if (s.changes > 0) {
      if (d < 0) s.loss -= d;
      else s.gain += d;
    }
    if (s.changes < period) return false;
    s.gain /= period;
    s.loss /= period;
  } else {
    s.gain *= period - 1;
    s.loss *= period - 1;
    if (d < 0) s.loss -= d;
    else s.gain += d;
    s.gain /= period;
    s.loss /= period;
  }
  return true;
}

/** One bar of TA-Lib's RSI: returns the RSI after it (0 when gain + loss is near 0), NaN while warming up. */
export function rsiStep(s: RsiFields, x: number, period: number): number {
  if (!gainLossStep(s, x, period)) return NaN;
  const sum = s.gain + s.loss;
  return sum > -TA_EPSILON && sum < TA_EPSILON ? 0 : 100 * (s.gain / sum);
}

/** One bar of TA-Lib's CMO: 100 * (gain - loss) / (gain + loss), 0 when the sum is near 0; NaN while warming up. */
export function cmoStep(s: RsiFields, x: number, period: number): number {
  if (!gainLossStep(s, x, period)) return NaN;
  const sum = s.gain + s.loss;
  return sum > -TA_EPSILON && sum < TA_EPSILON ? 0 : 100.0 * ((s.gain - s.loss) / sum);
}
