import { streamKernel } from '../../src/define.ts';
import { adxFieldsInit, adxFieldsRelations, adxFieldsSpec, adxStep, type AdxFields } from '../../src/reference/directional.ts';
import { int, reals, ringFilling } from '../../src/state.ts';
import { windowAt, windowPush } from '../../src/reference/window.ts';

interface AdxrState extends AdxFields {
  /** The last period - 1 ADX values, a ring whose `head` is the oldest. */
  window: number[];
  head: number;
}

/** ADX values output after `bars` bars (the first at bar 2 * period - 1). */
const adxValues = (bars: number, period: number) => Math.max(0, bars - 2 * period + 1);

/** TA-Lib ADXR: (ADX + ADX from period - 1 bars before) / 2, from bar 3 * period - 2. */
export const adxrStream = streamKernel<AdxrState>({
  init: (p) => ({ ...adxFieldsInit(), window: new Array<number>(p.period! - 1).fill(0), head: 0 }),
  spec: (p) => ({ ...adxFieldsSpec(p.period!), window: reals(p.period! - 1, 0, 100), head: int(0, p.period! - 2) }),
  relations: (s, p) => {
    const period = p.period!;
    return adxFieldsRelations(s, period) ?? ringFilling(s.window, s.head, Math.min(period - 1, adxValues(s.bars, period)), 'window', 'head');
  },
  update(s, bar, out, p) {
    const period = p.period!;
    const adx = adxStep(s, bar[0]!, bar[1]!, bar[2]!, period);
    out[0] = NaN;
    if (Number.isNaN(adx)) return;
    const full = adxValues(s.bars, period) > period - 1;
    const old = full ? windowAt(s, 0) : NaN;
    windowPush(s, adx);
    if (full) out[0] = (adx + old) / 2.0;
  },
});
