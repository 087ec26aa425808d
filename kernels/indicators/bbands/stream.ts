import { streamKernel } from '../../src/define.ts';
import { TA_EPSILON } from '../../src/reference/common.ts';
import { momentsInit, momentsRelations, momentsSpec, momentsUpdate, type MomentsState } from '../../src/reference/moments.ts';

const moments = new Float64Array(2);

/**
 * TA-Lib BBANDS with a simple moving average: middle = SMA, sd = sqrt(mean(x^2) - middle^2)
 * (population), 0 when that variance is below 1e-14; upper = middle + devUp*sd, lower = middle - devDown*sd.
 */
export const bbandsStream = streamKernel<MomentsState>({
  init: (p) => momentsInit(p.period!),
  spec: (p) => momentsSpec(p.period!),
  relations: momentsRelations,
  update(s, bar, out, p) {
    if (!momentsUpdate(s, bar[0]!, p.period!, moments)) {
      out[0] = out[1] = out[2] = NaN;
      return;
    }
    const mean = moments[0]!;
    const variance = moments[1]! - mean * mean;
    const sd = variance < TA_EPSILON ? 0 : Math.sqrt(variance);
    out[0] = mean + sd * p.devUp!;
    out[1] = mean;
    out[2] = mean - sd * p.devDown!;
  },
});
