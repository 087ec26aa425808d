import { streamKernel } from '../../src/define.ts';
import { resumInterval } from '../../src/reference/common.ts';
import type { Params } from '../../src/types.ts';
import { barCount, counter, int, real, reals, ringFilling, stillZero, unless } from '../../src/state.ts';

export function vwapLookback(p: Params): number {
  return Math.max(p.period! - 1, 0);
}

interface VwapState {
  [key: string]: number | number[];
  /** Rolling mode: the last `period` values of typical price * volume and of volume; `head` is the oldest. */
  pv: number[];
  volume: number[];
  head: number;
  seen: number;
  /** Sums over the window (rolling) or since the first bar (anchored); `traded` counts bars with volume != 0. */
  pvSum: number;
  volumeSum: number;
  traded: number;
  untilResum: number;
}

/** VWAP from the sums; the bar's own typical price when no bar in the window traded. */
export function vwapOf(pvSum: number, volumeSum: number, traded: number, typical: number): number {
  return traded === 0 ? typical : pvSum / volumeSum;
}

/**
 * VWAP with typical price (high + low + close) / 3. Rolling (period >= 1): sums over the last `period`
 * bars; each bar adds the newest values and removes the oldest; the sums are formed afresh, oldest
 * first, at the first output and every resumInterval(period) outputs. Anchored (period 0): sums since
 * the first bar.
 */
export const vwapStream = streamKernel<VwapState>({
  init: (p) => ({
    pv: new Array<number>(p.period!).fill(0),
    volume: new Array<number>(p.period!).fill(0),
    head: 0,
    seen: 0,
    pvSum: 0,
    volumeSum: 0,
    traded: 0,
    untilResum: 0,
  }),
  spec: (p) => {
    const period = p.period!;
    // Anchored (period 0): no window, counts without bound.
    const count = period === 0 ? barCount() : counter(period);
    return {
      pv: reals(period),
      volume: reals(period),
      head: int(0, Math.max(period - 1, 0)),
      seen: count,
      pvSum: real(),
      volumeSum: real(),
      traded: count,
      untilResum: int(0, period === 0 ? 0 : resumInterval(period) - 1),
    };
  },
  relations: (s) => {
    const period = s.pv.length;
    if (period === 0) return unless(s.traded <= s.seen, 'traded', `counts bars that traded, so at most the ${s.seen} bars seen`);
    const traded = s.volume.reduce((n, v) => (v !== 0 ? n + 1 : n), 0);
    return (
      ringFilling(s.pv, s.head, s.seen, 'pv', 'head') ??
      ringFilling(s.volume, s.head, s.seen, 'volume', 'head') ??
      unless(s.traded === traded, 'traded', `must count the window's bars with volume, ${traded}`) ??
      (s.seen < period ? stillZero(s, ['pvSum', 'volumeSum', 'untilResum'], 'before the first output') : undefined)
    );
  },
  update(s, bar, out, p) {
    const period = p.period!;
    const typical = (bar[0]! + bar[1]! + bar[2]!) / 3;
    const v = bar[3]!;
    const pv = typical * v;
    if (period === 0) {
      s.pvSum += pv;
      s.volumeSum += v;
      if (v !== 0) s.traded++;
      s.seen++;
      out[0] = vwapOf(s.pvSum, s.volumeSum, s.traded, typical);
      return;
    }
    const h = s.head;
    const oldPv = s.pv[h]!, oldVolume = s.volume[h]!; // 0 until the window is full
    s.pv[h] = pv;
    s.volume[h] = v;
    s.head = h + 1 === period ? 0 : h + 1;
    if (oldVolume !== 0) s.traded--;
    if (v !== 0) s.traded++;
    if (s.seen < period) s.seen++;
    if (s.seen < period) {
      out[0] = NaN;
      return;
    }
    if (s.untilResum === 0) {
      s.pvSum = 0;
      s.volumeSum = 0;
      for (let i = 0; i < period; i++) {
        const j = (s.head + i) % period;
        s.pvSum += s.pv[j]!;
        s.volumeSum += s.volume[j]!;
      }
      s.untilResum = resumInterval(period);
    } else {
      s.pvSum += pv - oldPv;
      s.volumeSum += v - oldVolume;
    }
    s.untilResum--;
    out[0] = vwapOf(s.pvSum, s.volumeSum, s.traded, typical);
  },
});
