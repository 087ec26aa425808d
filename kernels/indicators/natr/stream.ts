import { streamKernel } from '../../src/define.ts';
import { TA_EPSILON } from '../../src/reference/common.ts';
import { atrInit, atrRelations, atrSpec, atrStep, type AtrState } from '../../src/reference/truerange.ts';

/** ATR as a percentage of the close: (atr / close) * 100, and 0 where |close| < 1e-14 (TA_IS_ZERO). */
export const natrStream = streamKernel<AtrState>({
  init: atrInit,
  spec: atrSpec,
  relations: atrRelations,
  update(s, bar, out, p) {
    const atr = atrStep(s, bar[0]!, bar[1]!, bar[2]!, p.period!);
    const close = bar[2]!;
    out[0] = Number.isNaN(atr) ? NaN : close > -TA_EPSILON && close < TA_EPSILON ? 0 : (atr / close) * 100;
  },
});
