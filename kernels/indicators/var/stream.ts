import { streamKernel } from '../../src/define.ts';
import { momentsInit, momentsRelations, momentsSpec, momentsUpdate, type MomentsState } from '../../src/reference/moments.ts';

const moments = new Float64Array(2);

/** TA-Lib VAR (TA_INT_VAR): mean(x^2) - mean(x)^2 from running sums, as it comes (no floor). */
export const varStream = streamKernel<MomentsState>({
  init: (p) => momentsInit(p.period!),
  spec: (p) => momentsSpec(p.period!),
  relations: momentsRelations,
  update(s, bar, out, p) {
    if (!momentsUpdate(s, bar[0]!, p.period!, moments)) {
      out[0] = NaN;
      return;
    }
    out[0] = moments[1]! - moments[0]! * moments[0]!;
  },
});
