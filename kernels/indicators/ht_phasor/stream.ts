import { streamKernel } from '../../src/define.ts';
import { hilbertInit, hilbertRelations, hilbertSpec, hilbertUpdate, type HilbertBar, type HilbertState } from '../../src/reference/hilbert.ts';

export const HT_PHASOR_LOOKBACK = 32;
const WARM = 9;

const scratch: HilbertBar = { smoothed: 0, i1: 0, q1: 0 };

/** TA-Lib HT_PHASOR: the Hilbert core's I1 (in-phase) and Q1 (quadrature) of each bar. */
export const htPhasorStream = streamKernel<HilbertState>({
  init: hilbertInit,
  spec: hilbertSpec,
  relations: (s, _p, bars) => hilbertRelations(s, WARM, bars),
  update(s, bar, out) {
    const today = s.bars;
    if (!hilbertUpdate(s, bar[0]!, WARM, scratch) || today < HT_PHASOR_LOOKBACK) {
      out[0] = out[1] = NaN;
      return;
    }
    out[0] = scratch.i1;
    out[1] = scratch.q1;
  },
});
