import { streamKernel } from '../../src/define.ts';
import { atanRounded } from '../../src/reference/atan.ts';
import { DEGREES_PER_RADIAN, linearFit, regressionConstants } from '../../src/reference/regression.ts';
import { windowPush } from '../../src/reference/window.ts';
import { counter, int, reals, ringFilling } from '../../src/state.ts';

interface WindowOnlyState {
  [key: string]: number | number[];
  /** The last `period` values, a ring whose `head` is the oldest. */
  window: number[];
  head: number;
  /** Bars seen, counted up to `period`. */
  seen: number;
}

const fit = new Float64Array(2);

/** TA-Lib LINEARREG_ANGLE: the least-squares line through the window, fitted afresh every bar. */
export const linearreg_angleStream = streamKernel<WindowOnlyState>({
  init: (p) => ({ window: new Array<number>(p.period!).fill(0), head: 0, seen: 0 }),
  spec: (p) => ({ window: reals(p.period!), head: int(0, p.period! - 1), seen: counter(p.period!) }),
  relations: (s) => ringFilling(s.window, s.head, s.seen, 'window', 'head'),
  derive: (p) => ({ ...regressionConstants(p.period!) }),
  update(s, bar, out, p) {
    windowPush(s, bar[0]!);
    if (s.seen < s.window.length) s.seen++;
    if (s.seen < s.window.length) {
      out[0] = NaN;
      return;
    }
    linearFit(s, { sumX: p.sumX!, divisor: p.divisor! }, fit);
    out[0] = atanRounded(fit[0]!) * DEGREES_PER_RADIAN;
  },
});
