import { streamKernel } from '../../src/define.ts';
import { extremesInit, extremesPush, extremesRelations, extremesSpec, type ExtremesState } from '../../src/reference/extremes.ts';

/** TA-Lib WILLR: (highest - close) / ((highest - lowest) / -100), 0 when the range is 0. */
export const willrStream = streamKernel<ExtremesState>({
  init: (p) => extremesInit(p.period!),
  spec: (p) => extremesSpec(p.period!),
  relations: extremesRelations,
  update(s, bar, out) {
    if (!extremesPush(s, bar[0]!, bar[1]!)) {
      out[0] = NaN;
      return;
    }
    const diff = (s.hi - s.lo) / -100;
    out[0] = diff !== 0 ? (s.hi - bar[2]!) / diff : 0;
  },
});
