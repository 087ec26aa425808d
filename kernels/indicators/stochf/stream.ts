import { streamKernel } from '../../src/define.ts';
import { cachedStage, maInit, maPush, maRelations, maSpec, maStage, smaStageInit, smaStagePush, smaStageRelations, smaStageSpec, type SmaStage } from '../../src/reference/ma.ts';
import { resumInterval } from '../../src/reference/common.ts';
import { extremesInit, extremesPush, extremesRelations, extremesSpec, fastK, valuesSince, type ExtremesState } from '../../src/reference/extremes.ts';
import type { Params } from '../../src/types.ts';

/** MA type 0 keeps the re-summed SMA stage; the other types keep an MA-type stage in dRing/dAcc. */
type StochfState = ExtremesState & Partial<SmaStage> & { dRing?: number[]; dAcc?: number[] };

/** Outputs between re-sums of %D: only the SMA (type 0) re-sums; the other types never do, as TA-Lib. */
export function stochfResumEvery(p: Params): number {
  return p.fastDMaType === 0 ? resumInterval(p.fastD!) : Number.MAX_SAFE_INTEGER;
}

const dStage = cachedStage((p: Params) => maStage(p.fastDMaType!, p.fastD!));

/** TA-Lib STOCHF: fast %K over the last fastK bars, fast %D its MA (of type fastDMaType) over fastD values. */
export const stochfStream = streamKernel<StochfState>({
  init: (p) => {
    if (p.fastDMaType === 0) return { ...extremesInit(p.fastK!), ...smaStageInit(p.fastD!) };
    const d = maInit(dStage(p));
    return { ...extremesInit(p.fastK!), dRing: d.ring, dAcc: d.acc };
  },
  spec: (p) => ({ ...extremesSpec(p.fastK!), ...(p.fastDMaType === 0 ? smaStageSpec(p.fastD!, stochfResumEvery(p)) : maSpec(dStage(p), 'dRing', 'dAcc')) }),
  relations: (s, p) => {
    const received = valuesSince(s.bars, p.fastK!);
    return (
      extremesRelations(s) ??
      (p.fastDMaType === 0
        ? smaStageRelations(s as ExtremesState & SmaStage, received, stochfResumEvery(p))
        : maRelations(dStage(p), { ring: s.dRing!, acc: s.dAcc! }, received, 'dRing', 'dAcc'))
    );
  },
  update(s, bar, out, p) {
    if (!extremesPush(s, bar[0]!, bar[1]!)) {
      out[0] = out[1] = NaN;
      return;
    }
    const k = fastK(s, bar[2]!);
    const d = p.fastDMaType === 0 ? smaStagePush(s as ExtremesState & SmaStage, k, stochfResumEvery(p)) : maPush(dStage(p), { ring: s.dRing!, acc: s.dAcc! }, k);
    out[0] = Number.isNaN(d) ? NaN : k;
    out[1] = d;
  },
});
