import { streamKernel } from '../../src/define.ts';
import { CYCLE_LOOKBACK, phaseInit, phaseRelations, phaseSpec, phaseUpdate, type PhaseState } from '../../src/reference/hilbert.ts';

/** TA-Lib HT_DCPHASE: the dominant-cycle phase of the shared 63-bar stage, in degrees. */
export const htDcPhaseStream = streamKernel<PhaseState>({
  init: phaseInit,
  spec: phaseSpec,
  relations: (s, _p, bars) => phaseRelations(s, bars),
  update(s, bar, out) {
    const today = s.bars;
    out[0] = phaseUpdate(s, bar[0]!) && today >= CYCLE_LOOKBACK ? s.dcPhase : NaN;
  },
});
