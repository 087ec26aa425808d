import { streamKernel } from '../../src/define.ts';
import { seriesExtremesInit, seriesExtremesPush, seriesExtremesRelations, seriesExtremesSpec, type SeriesExtremesState } from '../../src/reference/extremes.ts';

/** TA-Lib MINMAX: the lowest and the highest value of the window (in that order, as TA-Lib outputs them). */
export const minmaxStream = streamKernel<SeriesExtremesState>({
  init: (p) => seriesExtremesInit(p.period!),
  spec: (p) => seriesExtremesSpec(p.period!),
  relations: seriesExtremesRelations,
  update(s, bar, out) {
    if (!seriesExtremesPush(s, bar[0]!)) {
      out[0] = out[1] = NaN;
      return;
    }
    out[0] = s.lo;
    out[1] = s.hi;
  },
});
