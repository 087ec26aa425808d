import { streamKernel } from '../../src/define.ts';
import { lagInit, lagRelations, lagSpec, type LagState } from '../../src/reference/lag.ts';
import { windowPush } from '../../src/reference/window.ts';

/**
 * TA-Lib IMI: over the last `period` bars, up = the sum of close - open on bars that closed above
 * their open, down = the sum of open - close on the others, both summed afresh, oldest first, every
 * bar (as TA-Lib does); 100 * up / (up + down), NaN (0 / 0) when both are 0. The window keeps each
 * bar's close - open (open - close is its exact negation).
 */
export const imiStream = streamKernel<LagState>({
  init: (p) => lagInit(p.period!),
  spec: (p) => lagSpec(p.period!),
  relations: lagRelations,
  update(s, bar, out, p) {
    const period = p.period!;
    windowPush(s, bar[1]! - bar[0]!);
    if (s.seen < period) s.seen++;
    if (s.seen < period) {
      out[0] = NaN;
      return;
    }
    let up = 0.0, down = 0.0;
    const w = s.window;
    // Oldest first: slots head .. period - 1, then 0 .. head - 1.
    for (let i = 0, j = s.head; i < period; i++, j = j + 1 === period ? 0 : j + 1) {
      // TA-Lib adds d to up where d > 0, else -d (= open - close) to down; adding the other's +0 changes nothing.
      const d = w[j]!;
      up += Math.max(d, 0);
      down += Math.max(-d, 0);
    }
    out[0] = 100.0 * (up / (up + down));
  },
});
