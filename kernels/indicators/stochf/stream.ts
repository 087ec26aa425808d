import { streamKernel } from '../../src/define.ts';
import { smaStageInit, smaStagePush, smaStageRelations, smaStageSpec, type SmaStage } from '../../src/reference/ma.ts';
import { resumInterval } from '../../src/reference/common.ts';
import { extremesInit, extremesPush, extremesRelations, extremesSpec, fastK, valuesSince, type ExtremesState } from '../../src/reference/extremes.ts';

type StochfState = ExtremesState & SmaStage;

export function stochfResumEvery(dPeriod: number): number {
  return resumInterval(dPeriod);
}

/** TA-Lib STOCHF: fast %K over the last fastK bars, fast %D its SMA over fastD values. */
export const stochfStream = streamKernel<StochfState>({
  init: (p) => ({ ...extremesInit(p.fastK!), ...smaStageInit(p.fastD!) }),
  spec: (p) => ({ ...extremesSpec(p.fastK!), ...smaStageSpec(p.fastD!, stochfResumEvery(p.fastD!)) }),
  relations: (s, p) => extremesRelations(s) ?? smaStageRelations(s, valuesSince(s.bars, p.fastK!), stochfResumEvery(p.fastD!)),
  update(s, bar, out, p) {
    if (!extremesPush(s, bar[0]!, bar[1]!)) {
      out[0] = out[1] = NaN;
      return;
    }
    const k = fastK(s, bar[2]!);
    const d = smaStagePush(s, k, stochfResumEvery(p.fastD!));
    out[0] = Number.isNaN(d) ? NaN : k;
    out[1] = d;
  },
});
