import { streamKernel } from '../../src/define.ts';
import { atrInit, atrRelations, atrSpec, atrStep, type AtrState } from '../../src/reference/truerange.ts';

/** TA-Lib ATR: the true range, seeded with its plain mean, then Wilder-smoothed. */
export const atrStream = streamKernel<AtrState>({
  init: atrInit,
  spec: atrSpec,
  relations: atrRelations,
  update(s, bar, out, p) {
    out[0] = atrStep(s, bar[0]!, bar[1]!, bar[2]!, p.period!);
  },
});
