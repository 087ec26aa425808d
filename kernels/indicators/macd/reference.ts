import { emaK, fillLookback, sumRange } from '../../src/reference/common.ts';
import type { Params } from '../../src/types.ts';

/** Resolves TA-Lib's MACD periods: the slower period is always the slow one. */
export function macdPeriods(params: Params): { fast: number; slow: number; signal: number } {
  const a = params.fast!;
  const b = params.slow!;
  return { fast: Math.min(a, b), slow: Math.max(a, b), signal: params.signal! };
}

export function macdLookback(params: Params): number {
  const { slow, signal } = macdPeriods(params);
  return slow - 1 + (signal - 1);
}

/**
 * TA-Lib MACD. Both EMAs start at bar slow-1: the slow one seeded with the mean of bars 0..slow-1,
 * the fast one with the mean of the `fast` bars ending at slow-1. The signal is an EMA of the MACD
 * line from bar slow-1, seeded with the mean of its first `signal` values.
 */
export function macdReference(inputs: readonly Float64Array[], outputs: Float64Array[], params: Params): void {
  const x = inputs[0]!;
  const [macdOut, signalOut, histOut] = outputs as [Float64Array, Float64Array, Float64Array];
  const { fast, slow, signal } = macdPeriods(params);
  const n = x.length;
  const lookback = slow - 1 + (signal - 1);
  fillLookback(outputs, lookback);
  if (n <= lookback) return;
  const kFast = emaK(fast);
  const kSlow = emaK(slow);
  const kSignal = emaK(signal);
  const start = slow - 1;
  let emaSlow = sumRange(x, 0, slow) / slow;
  let emaFast = sumRange(x, slow - fast, slow) / fast;
  // The MACD line from `start` on; the first `signal` values seed the signal EMA.
  let seed = emaFast - emaSlow;
  let macd = seed;
  for (let i = start + 1; i <= lookback; i++) {
    emaSlow = (x[i]! - emaSlow) * kSlow + emaSlow;
    emaFast = (x[i]! - emaFast) * kFast + emaFast;
    macd = emaFast - emaSlow;
    seed += macd;
  }
  let sig = seed / signal;
  macdOut[lookback] = macd;
  signalOut[lookback] = sig;
  histOut[lookback] = macd - sig;
  for (let i = lookback + 1; i < n; i++) {
    emaSlow = (x[i]! - emaSlow) * kSlow + emaSlow;
    emaFast = (x[i]! - emaFast) * kFast + emaFast;
    macd = emaFast - emaSlow;
    sig = (macd - sig) * kSignal + sig;
    macdOut[i] = macd;
    signalOut[i] = sig;
    histOut[i] = macd - sig;
  }
}
