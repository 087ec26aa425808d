import { streamKernel } from '../../src/define.ts';
import { lagInit, lagPush, lagRelations, lagSpec, type LagState } from '../../src/reference/lag.ts';

/** TA-Lib MOM: x - x[-period]. */
export const momStream = streamKernel<LagState>({
  init: (p) => lagInit(p.period!),
  spec: (p) => lagSpec(p.period!),
  relations: lagRelations,
  update(s, bar, out) {
    const x = bar[0]!;
    out[0] = x - lagPush(s, x); // NaN while warming up
  },
});
