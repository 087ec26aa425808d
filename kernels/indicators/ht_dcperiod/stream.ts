import { streamKernel } from '../../src/define.ts';
import {
  hilbertInit, hilbertRelations, hilbertSpec, hilbertStart, hilbertUpdate, smoothPeriodNext,
  type HilbertBar, type HilbertState,
} from '../../src/reference/hilbert.ts';
import { real, stillZero, unless } from '../../src/state.ts';

export const HT_DCPERIOD_LOOKBACK = 32;
const WARM = 9;

interface DcPeriodState extends HilbertState {
  smoothPeriod: number;
}

const scratch: HilbertBar = { smoothed: 0, i1: 0, q1: 0 };

/** TA-Lib HT_DCPERIOD: the Hilbert core's period, smoothed once more (0.33 new + 0.67 last). */
export const htDcPeriodStream = streamKernel<DcPeriodState>({
  init: () => ({ ...hilbertInit(), smoothPeriod: 0 }),
  spec: () => ({ ...hilbertSpec(), smoothPeriod: real(0, 50) }),
  relations: (s, _p, bars) =>
    hilbertRelations(s, WARM, bars) ??
    (s.bars <= hilbertStart(WARM)
      ? stillZero(s, ['smoothPeriod'], 'before the Hilbert loop starts')
      : unless(s.smoothPeriod >= 0.39, 'smoothPeriod', 'is at least 0.396 once the Hilbert loop has run')),
  update(s, bar, out) {
    const today = s.bars;
    if (!hilbertUpdate(s, bar[0]!, WARM, scratch)) {
      out[0] = NaN;
      return;
    }
    s.smoothPeriod = smoothPeriodNext(s.period, s.smoothPeriod);
    out[0] = today >= HT_DCPERIOD_LOOKBACK ? s.smoothPeriod : NaN;
  },
});
