import { streamKernel } from '../../src/define.ts';
import { seriesExtremesInit, seriesExtremesPush, seriesExtremesRelations, seriesExtremesSpec, type SeriesExtremesState } from '../../src/reference/extremes.ts';

/** TA-Lib MINMAXINDEX: the indexes of the window's lowest and highest values, TA-Lib's choice on ties. */
export const minmaxindexStream = streamKernel<SeriesExtremesState>({
  init: (p) => seriesExtremesInit(p.period!),
  spec: (p) => seriesExtremesSpec(p.period!),
  relations: seriesExtremesRelations,
  update(s, bar, out) {
    if (!seriesExtremesPush(s, bar[0]!)) {
      out[0] = out[1] = NaN;
      return;
    }
    out[0] = s.loIdx;
    out[1] = s.hiIdx;
  },
});
