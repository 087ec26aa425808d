import { streamKernel } from '../../src/define.ts';
import { barCount, int, real, stillZero, unless } from '../../src/state.ts';
import type { Params } from '../../src/types.ts';

interface SarextState {
  [key: string]: number;
  bars: number;
  /** 1 long, 0 short. */
  isLong: number;
  afLong: number;
  afShort: number;
  ep: number;
  /** The SAR computed for the next bar (a price, without the short sign). */
  sar: number;
  /** The last bar's high and low. */
  high: number;
  low: number;
}

/** TA-Lib's coherence fix: an initial acceleration or a step above its maximum is lowered to the maximum. */
export function sarextAccelerations(p: Params): Record<string, number> {
  const maxLong = p.accelerationMaxLong!, maxShort = p.accelerationMaxShort!;
  return {
    initLong: p.accelerationInitLong! > maxLong ? maxLong : p.accelerationInitLong!,
    stepLong: p.accelerationLong! > maxLong ? maxLong : p.accelerationLong!,
    initShort: p.accelerationInitShort! > maxShort ? maxShort : p.accelerationInitShort!,
    stepShort: p.accelerationShort! > maxShort ? maxShort : p.accelerationShort!,
  };
}

/**
 * TA-Lib SAREXT: SAR with its own accelerations for long and short trades, a forced start (startValue
 * > 0: long at that SAR, < 0: short at |startValue|, 0: SAR's start rule), an optional offset applied to
 * the SAR at each reversal, and the SAR negated while short.
 */
export const sarextStream = streamKernel<SarextState>({
  init: () => ({ bars: 0, isLong: 1, afLong: 0, afShort: 0, ep: 0, sar: 0, high: 0, low: 0 }),
  spec: (p) => ({
    bars: barCount(),
    isLong: int(0, 1),
    afLong: real(0, p.accelerationMaxLong!),
    afShort: real(0, p.accelerationMaxShort!),
    ep: real(),
    sar: real(),
    high: real(),
    low: real(),
  }),
  relations: (s) =>
    (s.bars <= 1 ? unless(s.isLong === 1, 'isLong', 'must be 1 before the second bar') ?? stillZero(s, ['afLong', 'afShort', 'ep', 'sar'], 'before the second bar') : undefined) ??
    (s.bars === 0 ? stillZero(s, ['high', 'low'], 'before the first bar') : undefined),
  derive: sarextAccelerations,
  update(s, bar, out, p) {
    const newHigh = bar[0]!, newLow = bar[1]!;
    const bars = ++s.bars;
    if (bars === 1) {
      s.high = newHigh;
      s.low = newLow;
      out[0] = NaN;
      return;
    }
    let prevHigh = s.high, prevLow = s.low;
    if (bars === 2) {
      const start = p.startValue!;
      if (start === 0) {
        const up = newHigh - prevHigh;
        const down = prevLow - newLow;
        s.isLong = down > 0 && up < down ? 0 : 1;
      } else {
        s.isLong = start > 0 ? 1 : 0;
      }
      s.afLong = p.initLong!;
      s.afShort = p.initShort!;
      if (s.isLong === 1) {
        s.ep = newHigh;
        s.sar = start === 0 ? prevLow : start;
      } else {
        s.ep = newLow;
        s.sar = start === 0 ? prevHigh : Math.abs(start);
      }
      // TA-Lib's first iteration uses today's bar as "yesterday" too.
      prevHigh = newHigh;
      prevLow = newLow;
    }
    s.high = newHigh;
    s.low = newLow;
    const offset = p.offsetOnReverse!;
    let sar = s.sar;
    if (s.isLong === 1) {
      if (newLow <= sar) {
        s.isLong = 0;
        sar = s.ep;
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
        if (offset !== 0.0) sar += sar * offset;
        out[0] = -sar;
        s.afShort = p.initShort!;
        s.ep = newLow;
        sar = sar + s.afShort * (s.ep - sar);
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
      } else {
        out[0] = sar;
        if (newHigh > s.ep) {
          s.ep = newHigh;
          s.afLong += p.stepLong!;
          if (s.afLong > p.accelerationMaxLong!) s.afLong = p.accelerationMaxLong!;
        }
        sar = sar + s.afLong * (s.ep - sar);
        if (sar > prevLow) sar = prevLow;
        if (sar > newLow) sar = newLow;
      }
    } else if (newHigh >= sar) {
      s.isLong = 1;
      sar = s.ep;
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
      if (offset !== 0.0) sar -= sar * offset;
      out[0] = sar;
      s.afLong = p.initLong!;
      s.ep = newHigh;
      sar = sar + s.afLong * (s.ep - sar);
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
    } else {
      out[0] = -sar;
      if (newLow < s.ep) {
        s.ep = newLow;
        s.afShort += p.stepShort!;
        if (s.afShort > p.accelerationMaxShort!) s.afShort = p.accelerationMaxShort!;
      }
      sar = sar + s.afShort * (s.ep - sar);
      if (sar < prevHigh) sar = prevHigh;
      if (sar < newHigh) sar = newHigh;
    }
    s.sar = sar;
  },
});
