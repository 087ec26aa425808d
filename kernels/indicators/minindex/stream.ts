import { streamKernel } from '../../src/define.ts';
import { seriesExtremesInit, seriesExtremesPush, seriesExtremesRelations, seriesExtremesSpec, type SeriesExtremesState } from '../../src/reference/extremes.ts';

/** TA-Lib MININDEX: the index of the window's lowest value, TA-Lib's choice on ties. */
export const minindexStream = streamKernel<SeriesExtremesState>({
  init: (p) => seriesExtremesInit(p.period!),
  spec: (p) => seriesExtremesSpec(p.period!),
  relations: seriesExtremesRelations,
  update(s, bar, out) {
    if (!seriesExtremesPush(s, bar[0]!)) {
      out[0] = NaN;
      return;
    }
    out[0] = s.loIdx;
  },
});
