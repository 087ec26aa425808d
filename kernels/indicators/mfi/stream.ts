import { streamKernel } from '../../src/define.ts';
import { resumInterval } from '../../src/reference/common.ts';
import { counter, int, real, reals, ringFilling, stillZero } from '../../src/state.ts';

interface MfiState {
  [key: string]: number | number[];
  /** The last `period` positive and negative money flows, rings sharing `head` (the oldest). */
  positive: number[];
  negative: number[];
  head: number;
  /** Money flows seen (one per bar after the first), counted up to `period`; -1 before the first bar. */
  flows: number;
  prevTypical: number;
  /** Sums of the window's positive and negative flows. */
  posSum: number;
  negSum: number;
  untilResum: number;
}

/** TA-Lib's MFI from the two sums: 0 when their total is below 1 (not only when it is 0). */
export function mfiOf(posSum: number, negSum: number): number {
  const total = posSum + negSum;
  return total < 1.0 ? 0.0 : 100.0 * (posSum / total);
}

/**
 * TA-Lib MFI. Typical price (high + low + close) / 3; its money flow typical * volume counts as
 * positive when the typical price rose, negative when it fell, neither when unchanged. Each output
 * removes the oldest flows from the sums, then adds the newest. The sums are formed afresh, oldest
 * first, at the first output and every resumInterval(period) outputs.
 */
export const mfiStream = streamKernel<MfiState>({
  init: (p) => ({
    positive: new Array<number>(p.period!).fill(0),
    negative: new Array<number>(p.period!).fill(0),
    head: 0,
    flows: -1,
    prevTypical: 0,
    posSum: 0,
    negSum: 0,
    untilResum: 0,
  }),
  spec: (p) => ({
    positive: reals(p.period!),
    negative: reals(p.period!),
    head: int(0, p.period! - 1),
    flows: counter(p.period!, -1, -1),
    prevTypical: real(),
    posSum: real(),
    negSum: real(),
    untilResum: int(0, resumInterval(p.period!) - 1),
  }),
  relations: (s) => {
    const filled = Math.max(s.flows, 0);
    return (
      ringFilling(s.positive, s.head, filled, 'positive', 'head') ??
      ringFilling(s.negative, s.head, filled, 'negative', 'head') ??
      (s.flows < s.positive.length ? stillZero(s, ['posSum', 'negSum', 'untilResum'], 'before the first output') : undefined) ??
      (s.flows < 0 ? stillZero(s, ['prevTypical'], 'before the first bar') : undefined)
    );
  },
  update(s, bar, out, p) {
    const period = p.period!;
    const typical = (bar[0]! + bar[1]! + bar[2]!) / 3.0;
    const change = typical - s.prevTypical;
    s.prevTypical = typical;
    if (s.flows < 0) {
      s.flows = 0;
      out[0] = NaN;
      return;
    }
    const flow = typical * bar[3]!;
    const h = s.head;
    if (s.flows === period && s.untilResum > 0) {
      s.posSum -= s.positive[h]!;
      s.negSum -= s.negative[h]!;
      if (change < 0) s.negSum += flow;
      else if (change > 0) s.posSum += flow;
    }
    s.positive[h] = change > 0 ? flow : 0.0;
    s.negative[h] = change < 0 ? flow : 0.0;
    s.head = h + 1 === period ? 0 : h + 1;
    if (s.flows < period) s.flows++;
    if (s.flows < period) {
      out[0] = NaN;
      return;
    }
    if (s.untilResum === 0) {
      s.posSum = 0;
      s.negSum = 0;
      for (let i = 0; i < period; i++) {
        const j = (s.head + i) % period;
        s.posSum += s.positive[j]!;
        s.negSum += s.negative[j]!;
      }
      s.untilResum = resumInterval(period);
    }
    s.untilResum--;
    out[0] = mfiOf(s.posSum, s.negSum);
  },
});
