import { streamKernel } from '../../src/define.ts';
import { lagInit, lagPush, type LagState } from '../roc/lag.ts';

/** TA-Lib MOM: x - x[-period]. */
export const momStream = streamKernel<LagState>({
  init: (p) => lagInit(p.period!),
  update(s, bar, out) {
    const x = bar[0]!;
    out[0] = x - lagPush(s, x); // NaN while warming up
  },
});
