import { streamKernel } from '../../src/define.ts';
import { emaK } from '../../src/reference/common.ts';
import type { Params } from '../../src/types.ts';
import { barCount, real, stillZero } from '../../src/state.ts';

/** TA-Lib's MACD periods: the slower period is always the slow one. */
export function macdPeriods(params: Params): { fast: number; slow: number; signal: number } {
  const a = params.fast!;
  const b = params.slow!;
  return { fast: Math.min(a, b), slow: Math.max(a, b), signal: params.signal! };
}

export function macdLookback(params: Params): number {
  const { slow, signal } = macdPeriods(params);
  return slow - 1 + (signal - 1);
}

interface MacdState {
  [key: string]: number;
  seen: number;
  /** Sums while seeding, then the EMAs. */
  slow: number;
  fast: number;
  signal: number;
}

/**
 * TA-Lib MACD. Both EMAs start at bar slow-1: the slow one seeded with the mean of bars 0..slow-1,
 * the fast one with the mean of the `fast` bars ending at slow-1. The signal is an EMA of the MACD
 * line from bar slow-1 on, seeded with the mean of its first `signal` values.
 */
export const macdStream = streamKernel<MacdState>({
  init: () => ({ seen: 0, slow: 0, fast: 0, signal: 0 }),
  spec: () => ({ seen: barCount(), slow: real(), fast: real(), signal: real() }),
  relations: (s) => (s.seen === 0 ? stillZero(s, ['slow', 'fast', 'signal'], 'before the first bar') : undefined),
  derive: (p) => {
    const { fast, slow, signal } = macdPeriods(p);
    return { fastPeriod: fast, slowPeriod: slow, kFast: emaK(fast), kSlow: emaK(slow), kSignal: emaK(signal) };
  },
  update(s, bar, out, p) {
    const fast = p.fastPeriod!;
    const slow = p.slowPeriod!;
    const signal = p.signal!;
    const x = bar[0]!;
    const bars = ++s.seen;
    if (bars <= slow) {
      s.slow += x;
      if (bars > slow - fast) s.fast += x;
      if (bars === slow) {
        s.slow /= slow;
        s.fast /= fast;
      }
    } else {
      s.slow = (x - s.slow) * p.kSlow! + s.slow;
      s.fast = (x - s.fast) * p.kFast! + s.fast;
    }
    if (bars < slow) {
      out[0] = out[1] = out[2] = NaN;
      return;
    }
    const macd = s.fast - s.slow;
    const lineBars = bars - slow + 1; // MACD values so far
    if (lineBars <= signal) {
      s.signal += macd;
      if (lineBars < signal) {
        out[0] = out[1] = out[2] = NaN;
        return;
      }
      s.signal /= signal;
    } else {
      s.signal = (macd - s.signal) * p.kSignal! + s.signal;
    }
    out[0] = macd;
    out[1] = s.signal;
    out[2] = macd - s.signal;
  },
});
