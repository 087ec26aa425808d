import { streamKernel } from '../../src/define.ts';
import { trueRange } from '../../src/reference/truerange.ts';
import { counter, int, real, stillZero } from '../../src/state.ts';

interface TrangeState {
  [key: string]: number;
  /** Bars seen, counted up to 1. */
  seen: number;
  prevClose: number;
}

/** TA-Lib TRANGE: nothing for the first bar (no previous close), then the true range of every bar. */
export const trangeStream = streamKernel<TrangeState>({
  init: () => ({ seen: 0, prevClose: 0 }),
  spec: () => ({ seen: counter(1), prevClose: real() }),
  relations: (s) => (s.seen === 0 ? stillZero(s, ['prevClose'], 'before the first bar') : undefined),
  update(s, bar, out) {
    const close = bar[2]!;
    out[0] = s.seen === 0 ? NaN : trueRange(bar[0]!, bar[1]!, s.prevClose);
    s.seen = 1;
    s.prevClose = close;
  },
});
