import { streamKernel } from '../../src/define.ts';
import { TA_EPSILON } from '../../src/reference/common.ts';
import { int, nonNegative, real, stillZero, type StateProblem, type StateSpec } from '../../src/state.ts';
import type { Params } from '../../src/types.ts';

export interface RsiState {
  [key: string]: number;
  /** Price changes seen, counted up to `period`; -1 before the first bar. */
  changes: number;
  prev: number;
  gain: number;
  loss: number;
}

export function rsiSpec(p: Params): StateSpec {
  return { changes: int(-1, p.period!), prev: real(), gain: nonNegative(), loss: nonNegative() };
}

/** Before the first change the averages are still 0 (and before the first bar, the previous close too). */
export function rsiRelations(s: Pick<RsiState, "changes" | "prev" | "gain" | "loss">): StateProblem | undefined {
  if (s.changes <= 0) return stillZero(s, s.changes < 0 ? ['prev', 'gain', 'loss'] : ['gain', 'loss'], 'before the first price change');
  return undefined;
}

/** TA-Lib RSI: Wilder averages of gains and losses, 100 * gain / (gain + loss), 0 when both vanish. */
export const rsiStream = streamKernel<RsiState>({
  init: () => ({ changes: -1, prev: 0, gain: 0, loss: 0 }),
  spec: rsiSpec,
  relations: rsiRelations,
  update(s, bar, out, p) {
    const period = p.period!;
    const x = bar[0]!;
    const d = x - s.prev;
    s.prev = x;
    if (s.changes < period) {
      s.changes++;
      if (s.changes > 0) {
        if (d < 0) s.loss -= d;
        else s.gain += d;
      }
      if (s.changes < period) {
        out[0] = NaN;
        return;
      }
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
    const sum = s.gain + s.loss;
    out[0] = sum > -TA_EPSILON && sum < TA_EPSILON ? 0 : 100 * (s.gain / sum);
  },
});
