import { streamKernel } from '../../src/define.ts';
import { real } from '../../src/state.ts';

interface AdState {
  [key: string]: number;
  ad: number;
}

/** TA-Lib AD: the running total of CLV * volume from 0, bars with high <= low adding nothing. */
export const adStream = streamKernel<AdState>({
  init: () => ({ ad: 0 }),
  spec: () => ({ ad: real() }),
  update(s, bar, out) {
    const high = bar[0]!, low = bar[1]!, close = bar[2]!, volume = bar[3]!;
    const range = high - low;
    // TA-Lib skips the addition (not adds 0) on a zero range: the same result, kept literal.
    if (range > 0) s.ad += (((close - low) - (high - close)) / range) * volume;
    out[0] = s.ad;
  },
});
