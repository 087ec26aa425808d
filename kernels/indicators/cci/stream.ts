import { streamKernel } from '../../src/define.ts';
import { counter, int, reals, ringFilling } from '../../src/state.ts';

interface CciState {
  [key: string]: number | number[];
  /** TA-Lib's circular buffer of typical prices: bar b sits in slot b mod period. */
  slots: number[];
  head: number;
  /** Bars seen, counted up to `period`. */
  seen: number;
}

/**
 * TA-Lib CCI: typical price (h + l + c) / 3; its mean and mean absolute deviation over the window
 * summed in circular-buffer slot order (not oldest first, as TA-Lib does); (tp - mean) /
 * (0.015 * meanDeviation), 0 when the numerator or the deviation is exactly 0.
 */
export const cciStream = streamKernel<CciState>({
  init: (p) => ({ slots: new Array<number>(p.period!).fill(0), head: 0, seen: 0 }),
  spec: (p) => ({ slots: reals(p.period!), head: int(0, p.period! - 1), seen: counter(p.period!) }),
  relations: (s) => ringFilling(s.slots, s.head, s.seen, 'slots', 'head'),
  update(s, bar, out, p) {
    const period = p.period!;
    const slots = s.slots;
    const tp = (bar[0]! + bar[1]! + bar[2]!) / 3;
    slots[s.head] = tp;
    s.head = s.head + 1 === period ? 0 : s.head + 1;
    if (s.seen < period) s.seen++;
    if (s.seen < period) {
      out[0] = NaN;
      return;
    }
    let mean = 0;
    for (let j = 0; j < period; j++) mean += slots[j]!;
    mean /= period;
    let dev = 0;
    for (let j = 0; j < period; j++) dev += Math.abs(slots[j]! - mean);
    const num = tp - mean;
    out[0] = num !== 0 && dev !== 0 ? num / (0.015 * (dev / period)) : 0;
  },
});
