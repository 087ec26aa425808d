import { streamKernel } from '../../src/define.ts';
import { TA_EPSILON } from '../../src/reference/common.ts';
import { momentsInit, momentsRelations, momentsSpec, momentsUpdate, type MomentsState } from '../../src/reference/moments.ts';

const moments = new Float64Array(2);

/**
 * TA-Lib STDDEV (TA_INT_VAR, then the square root): variance = total2 / period - (total / period)^2
 * from running sums, 0 when below 1e-14 (TA_IS_ZERO_OR_NEG), else sqrt(variance) * nbDev.
 */
export const stddevStream = streamKernel<MomentsState>({
  init: (p) => momentsInit(p.period!),
  spec: (p) => momentsSpec(p.period!),
  relations: momentsRelations,
  update(s, bar, out, p) {
    if (!momentsUpdate(s, bar[0]!, p.period!, moments)) {
      out[0] = NaN;
      return;
    }
    const mean = moments[0]!;
    const variance = moments[1]! - mean * mean;
    out[0] = variance < TA_EPSILON ? 0 : Math.sqrt(variance) * p.nbDev!;
  },
});
