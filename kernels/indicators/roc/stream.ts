import { streamKernel } from '../../src/define.ts';
import { lagInit, lagPush, lagRelations, lagSpec, roc, type LagState } from '../../src/reference/lag.ts';

/** TA-Lib ROC: ((x / x[-period]) - 1) * 100, and 0 when x[-period] is 0. */
export const rocStream = streamKernel<LagState>({
  init: (p) => lagInit(p.period!),
  spec: (p) => lagSpec(p.period!),
  relations: lagRelations,
  update(s, bar, out) {
    const x = bar[0]!;
    const old = lagPush(s, x);
    out[0] = Number.isNaN(old) ? NaN : roc(x, old);
  },
});
