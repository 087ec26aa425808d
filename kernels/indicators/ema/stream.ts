import { streamKernel } from '../../src/define.ts';
import { emaK } from '../../src/reference/common.ts';
import { counter, int, real } from '../../src/state.ts';

interface EmaState {
  [key: string]: number;
  seen: number;
  /** Sum of the first `period` values while seeding, then the EMA. */
  value: number;
}

/** TA-Lib EMA: seeded with the mean of the first `period` values, then e += (x - e) * k. */
export const emaStream = streamKernel<EmaState>({
  init: () => ({ seen: 0, value: 0 }),
  spec: (p) => ({ seen: counter(p.period!), value: real() }),
  derive: (p) => ({ k: emaK(p.period!) }),
  update(s, bar, out, p) {
    const period = p.period!;
    const x = bar[0]!;
    if (s.seen < period) {
      s.seen++;
      s.value += x;
      if (s.seen < period) {
        out[0] = NaN;
        return;
      }
      s.value /= period;
    } else {
      s.value = (x - s.value) * p.k! + s.value;
    }
    out[0] = s.value;
  },
});
