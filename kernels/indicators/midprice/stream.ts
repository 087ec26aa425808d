import { streamKernel } from '../../src/define.ts';
import { extremesInit, extremesPush, extremesRelations, extremesSpec, type ExtremesState } from '../../src/reference/extremes.ts';

/** TA-Lib MIDPRICE: (highest high + lowest low) / 2 of the window. */
export const midpriceStream = streamKernel<ExtremesState>({
  init: (p) => extremesInit(p.period!),
  spec: (p) => extremesSpec(p.period!),
  relations: extremesRelations,
  update(s, bar, out) {
    out[0] = extremesPush(s, bar[0]!, bar[1]!, true) ? (s.hi + s.lo) / 2 : NaN;
  },
});
