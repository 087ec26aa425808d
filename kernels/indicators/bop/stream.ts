import { streamKernel } from '../../src/define.ts';
import { TA_EPSILON } from '../../src/reference/common.ts';
import { barCount } from '../../src/state.ts';

interface BopState {
  [key: string]: number;
  /** Bars seen: BOP needs nothing from earlier bars, this only gives the snapshot a shape to check. */
  bars: number;
}

/** TA-Lib BOP: (close - open) / (high - low), 0 where high - low is below 1e-14 (TA_IS_ZERO_OR_NEG). */
export const bopStream = streamKernel<BopState>({
  init: () => ({ bars: 0 }),
  spec: () => ({ bars: barCount() }),
  update(s, bar, out) {
    s.bars++;
    const range = bar[1]! - bar[2]!;
    out[0] = range < TA_EPSILON ? 0.0 : (bar[3]! - bar[0]!) / range;
  },
});
