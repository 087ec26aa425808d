import { streamKernel } from '../../src/define.ts';
import { emaK } from '../../src/reference/common.ts';
import type { Params } from '../../src/types.ts';
import { barCount, real, stillZero } from '../../src/state.ts';

export function adoscLookback(p: Params): number {
  return Math.max(p.fast!, p.slow!) - 1;
}

interface AdoscState {
  [key: string]: number;
  seen: number;
  ad: number;
  fast: number;
  slow: number;
}

/**
 * TA-Lib ADOSC: the AD line from 0 at the first bar; both EMAs seeded with the first AD value (no SMA),
 * then e = k * ad + (1 - k) * e; output fast - slow once max(fast, slow) - 1 bars have passed.
 */
export const adoscStream = streamKernel<AdoscState>({
  init: () => ({ seen: 0, ad: 0, fast: 0, slow: 0 }),
  spec: () => ({ seen: barCount(), ad: real(), fast: real(), slow: real() }),
  relations: (s) => (s.seen === 0 ? stillZero(s, ['ad', 'fast', 'slow'], 'before the first bar') : undefined),
  update(s, bar, out, p) {
    const high = bar[0]!, low = bar[1]!, close = bar[2]!, volume = bar[3]!;
    const range = high - low;
    if (range > 0) s.ad += (((close - low) - (high - close)) / range) * volume;
    if (s.seen === 0) {
      s.fast = s.ad;
      s.slow = s.ad;
    } else {
      const fk = emaK(p.fast!), sk = emaK(p.slow!);
      s.fast = fk * s.ad + (1.0 - fk) * s.fast;
      s.slow = sk * s.ad + (1.0 - sk) * s.slow;
    }
    s.seen++;
    out[0] = s.seen > adoscLookback(p) ? s.fast - s.slow : NaN;
  },
});
