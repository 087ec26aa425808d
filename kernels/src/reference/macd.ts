// TA-Lib's MACD as a state machine (MACD, MACDFIX): two EMAs seeded as TA-Lib's INT_EMA calls seed
// them, their difference, and its signal EMA. The EMA constants are given, so MACDFIX's fixed
// 0.15 / 0.075 and MACD's 2 / (period + 1) share it.
import { barCount, real, stillZero, type StateProblem, type StateSpec } from '../state.ts';

export interface MacdState {
  [key: string]: number;
  seen: number;
  /** Sums while seeding, then the EMAs. */
  slow: number;
  fast: number;
  signal: number;
}

/** The periods and EMA constants of one MACD (fast <= slow). */
export interface MacdConstants {
  fastPeriod: number;
  slowPeriod: number;
  signalPeriod: number;
  kFast: number;
  kSlow: number;
  kSignal: number;
}

export const macdInit = (): MacdState => ({ seen: 0, slow: 0, fast: 0, signal: 0 });

export const macdSpec = (): StateSpec => ({ seen: barCount(), slow: real(), fast: real(), signal: real() });

export function macdRelations(s: MacdState): StateProblem | undefined {
  return s.seen === 0 ? stillZero(s, ['slow', 'fast', 'signal'], 'before the first bar') : undefined;
}

/**
 * One bar of TA-Lib's MACD. Both EMAs start at bar slow - 1: the slow one seeded with the mean of
 * bars 0 .. slow - 1, the fast one with the mean of the `fast` bars ending at slow - 1. The signal is
 * an EMA of the MACD line from bar slow - 1 on, seeded with the mean of its first `signal` values.
 * Writes [macd, signal, histogram] into out (NaN while warming up).
 */
export function macdStep(s: MacdState, x: number, out: Float64Array, c: MacdConstants): void {
  const fast = c.fastPeriod, slow = c.slowPeriod, signal = c.signalPeriod;
  const bars = ++s.seen;
  if (bars <= slow) {
    s.slow += x;
    if (bars > slow - fast) s.fast += x;
    if (bars === slow) {
      s.slow /= slow;
      s.fast /= fast;
    }
  } else {
    s.slow = (x - s.slow) * c.kSlow + s.slow;
    s.fast = (x - s.fast) * c.kFast + s.fast;
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
    s.signal = (macd - s.signal) * c.kSignal + s.signal;
  }
  out[0] = macd;
  out[1] = s.signal;
  out[2] = macd - s.signal;
}
