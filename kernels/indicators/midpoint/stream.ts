import { streamKernel } from '../../src/define.ts';
import { seriesExtremesInit, seriesExtremesPush, seriesExtremesRelations, seriesExtremesSpec, type SeriesExtremesState } from '../../src/reference/extremes.ts';

/** TA-Lib MIDPOINT: (highest + lowest) / 2 of the window. */
export const midpointStream = streamKernel<SeriesExtremesState>({
  init: (p) => seriesExtremesInit(p.period!),
  spec: (p) => seriesExtremesSpec(p.period!),
  relations: seriesExtremesRelations,
  update(s, bar, out) {
    if (!seriesExtremesPush(s, bar[0]!, true)) {
      out[0] = NaN;
      return;
    }
    out[0] = (s.hi + s.lo) / 2;
  },
});
