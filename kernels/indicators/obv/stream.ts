import { streamKernel } from '../../src/define.ts';
import { counter, int, real, stillZero } from '../../src/state.ts';

interface ObvState {
  [key: string]: number;
  /** 0 before the first bar, 1 after. */
  started: number;
  prevClose: number;
  obv: number;
}

/** TA-Lib OBV: starts at the first bar's volume, then adds the volume on up closes and subtracts it on down closes. */
export const obvStream = streamKernel<ObvState>({
  init: () => ({ started: 0, prevClose: 0, obv: 0 }),
  spec: () => ({ started: counter(1), prevClose: real(), obv: real() }),
  relations: (s) => (s.started === 0 ? stillZero(s, ['prevClose', 'obv'], 'before the first bar') : undefined),
  update(s, bar, out) {
    const close = bar[0]!;
    const volume = bar[1]!;
    if (s.started === 0) {
      s.started = 1;
      s.obv = volume;
    } else if (close > s.prevClose) {
      s.obv += volume;
    } else if (close < s.prevClose) {
      s.obv -= volume;
    }
    s.prevClose = close;
    out[0] = s.obv;
  },
});
