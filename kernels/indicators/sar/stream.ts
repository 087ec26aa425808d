import { streamKernel } from '../../src/define.ts';
import { barCount, int, real, stillZero, unless } from '../../src/state.ts';

interface SarState {
  [key: string]: number;
  bars: number;
  /** 1 long, 0 short. */
  isLong: number;
  af: number;
  ep: number;
  sar: number;
  /** The last bar's high and low. */
  high: number;
  low: number;
}

/**
 * TA-Lib SAR. Bar 0 is consumed: the direction at bar 1 is short if bar 1 has a -DM (down move
 * positive and larger than the up move), long otherwise; the first SAR is bar 0's low (long) or high
 * (short), the extreme point bar 1's high (long) or low (short). Each bar then outputs the SAR
 * computed for it, or, when the bar penetrates it, reverses: the SAR becomes the extreme point
 * (kept outside yesterday's and today's range), af resets, and the next SAR is computed from there.
 */
export const sarStream = streamKernel<SarState>({
  init: () => ({ bars: 0, isLong: 1, af: 0, ep: 0, sar: 0, high: 0, low: 0 }),
  spec: (p) => ({ bars: barCount(), isLong: int(0, 1), af: real(0, p.maximum!), ep: real(), sar: real(), high: real(), low: real() }),
  relations: (s) =>
    (s.bars <= 1 ? unless(s.isLong === 1, 'isLong', 'must be 1 before the second bar') ?? stillZero(s, ['af', 'ep', 'sar'], 'before the second bar') : undefined) ??
    (s.bars === 0 ? stillZero(s, ['high', 'low'], 'before the first bar') : undefined),
  update(s, bar, out, p) {
    const newHigh = bar[0]!, newLow = bar[1]!;
    const maximum = p.maximum!;
    // TA-Lib lowers the acceleration to the maximum when it exceeds it (also for later resets).
    const acceleration = p.acceleration! > maximum ? maximum : p.acceleration!;
    const bars = ++s.bars;
    if (bars === 1) {
      s.high = newHigh;
      s.low = newLow;
      out[0] = NaN;
      return;
    }
    let prevHigh = s.high, prevLow = s.low;
    if (bars === 2) {
      const up = newHigh - prevHigh;
      const down = prevLow - newLow;
      s.isLong = down > 0 && up < down ? 0 : 1;
      s.af = acceleration;
      if (s.isLong === 1) {
        s.ep = newHigh;
        s.sar = prevLow;
      } else {
        s.ep = newLow;
        s.sar = prevHigh;
      }
      // TA-Lib's first iteration uses today's bar as "yesterday" too.
      prevHigh = newHigh;
      prevLow = newLow;
    }
    s.high = newHigh;
    s.low = newLow;
    let sar = s.sar;
    if (s.isLong === 1) {
      if (newLow <= sar) {
        s.isLong = 0;
        sar = s.ep;
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
        out[0] = sar;
        s.af = acceleration;
        s.ep = newLow;
        sar = sar + s.af * (s.ep - sar);
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
      } else {
        out[0] = sar;
        if (newHigh > s.ep) {
          s.ep = newHigh;
          s.af += acceleration;
          if (s.af > maximum) s.af = maximum;
        }
        sar = sar + s.af * (s.ep - sar);
        if (sar > prevLow) sar = prevLow;
        if (sar > newLow) sar = newLow;
      }
    } else if (newHigh >= sar) {
      s.isLong = 1;
      sar = s.ep;
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
      out[0] = sar;
      s.af = acceleration;
      s.ep = newHigh;
      sar = sar + s.af * (s.ep - sar);
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
    } else {
      out[0] = sar;
      if (newLow < s.ep) {
        s.ep = newLow;
        s.af += acceleration;
        if (s.af > maximum) s.af = maximum;
      }
      sar = sar + s.af * (s.ep - sar);
      if (sar < prevHigh) sar = prevHigh;
      if (sar < newHigh) sar = newHigh;
    }
    s.sar = sar;
  },
});
