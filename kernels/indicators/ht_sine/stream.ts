import { streamKernel } from '../../src/define.ts';
import { CYCLE_LOOKBACK, DEG2RAD, phaseInit, phaseRelations, phaseSpec, phaseUpdate, type PhaseState } from '../../src/reference/hilbert.ts';

/** TA-Lib HT_SINE: sin(phase) and sin(phase + 45 degrees) of the dominant-cycle phase. */
export const htSineStream = streamKernel<PhaseState>({
  init: phaseInit,
  spec: phaseSpec,
  relations: (s, _p, bars) => phaseRelations(s, bars),
  update(s, bar, out) {
    const today = s.bars;
    if (!phaseUpdate(s, bar[0]!) || today < CYCLE_LOOKBACK) {
      out[0] = out[1] = NaN;
      return;
    }
    out[0] = Math.sin(s.dcPhase * DEG2RAD);
    out[1] = Math.sin((s.dcPhase + 45) * DEG2RAD);
  },
});
