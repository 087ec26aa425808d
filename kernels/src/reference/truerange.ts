// TA-Lib's true range, and the average true range built on it (ATR, NATR; ADX and the DI use the true
// range through directional.ts): the stream state machine and the whole-series loop.
import { fillNaN, finiteRange } from '../loop.ts';
import { counter, int, nonNegative, real, stillZero, type StateProblem, type StateSpec } from '../state.ts';
import type { Params } from '../types.ts';

/** TA-Lib's true range of a bar given the previous close: H - L, widened by the gaps to the previous close. */
export function trueRange(high: number, low: number, prevClose: number): number {
  let greatest = high - low;
  const up = Math.abs(prevClose - high);
  if (up > greatest) greatest = up;
  const down = Math.abs(prevClose - low);
  if (down > greatest) greatest = down;
  return greatest;
}

export interface AtrState {
  [key: string]: number;
  /** Bars seen, counted up to period + 1. */
  seen: number;
  prevClose: number;
  /** The sum of the true ranges while seeding, then the ATR. */
  atr: number;
}

export function atrInit(): AtrState {
  return { seen: 0, prevClose: 0, atr: 0 };
}

export function atrSpec(p: Params): StateSpec {
  return { seen: counter(p.period! + 1), prevClose: real(), atr: nonNegative() };
}

/** Nothing is summed before the second bar. */
export function atrRelations(s: AtrState): StateProblem | undefined {
  return s.seen <= 1 ? stillZero(s, s.seen === 0 ? ['prevClose', 'atr'] : ['atr'], 'before the second bar') : undefined;
}

/**
 * One bar of TA-Lib's ATR; returns the ATR after it, or NaN while warming up. The first ATR (bar
 * `period`) is the mean of the true ranges of bars 1..period summed left to right; then Wilder's
 * smoothing in TA-Lib's statement order: atr *= period - 1; atr += tr; atr /= period.
 */
export function atrStep(s: AtrState, high: number, low: number, close: number, period: number): number {
  const seen = s.seen;
  const prevClose = s.prevClose;
  s.prevClose = close;
  if (seen === 0) {
    s.seen = 1;
    return NaN;
  }
  const tr = trueRange(high, low, prevClose);
  if (seen <= period) {
    s.atr += tr;
    s.seen = seen + 1;
    if (seen < period) return NaN;
    s.atr /= period;
    return s.atr;
  }
  s.atr *= period - 1;
  s.atr += tr;
  s.atr /= period;
  return s.atr;
}

/** ATR over a whole series as a loop (see loop.ts); with `normalize`, NATR: (atr / close) * 100. */
export function atrChain(high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array, period: number, normalize: boolean): boolean {
  const n = close.length;
  if (n <= period) {
    fillNaN(out, period);
    return finiteRange(high, 0, n) && finiteRange(low, 0, n) && finiteRange(close, 0, n);
  }
  // Bar 0's high and low, and the last close, are read by no true range: checked apart.
  let check = high[0]! - high[0]! + (low[0]! - low[0]!) + (close[n - 1]! - close[n - 1]!);
  let atr = 0;
  for (let i = 1; i <= period; i++) {
    const h = high[i]!, l = low[i]!, c = close[i - 1]!;
    out[i - 1] = NaN; // the lookback, stored in a loop waiting on its sum (cheaper than a fill before it)
    check += h - h + (l - l) + (c - c);
    atr += trueRange(h, l, c);
  }
  atr /= period;
  out[period] = normalize ? natrOf(atr, close[period]!) : atr;
  for (let i = period + 1; i < n; i++) {
    const h = high[i]!, l = low[i]!, c = close[i - 1]!;
    check += h - h + (l - l) + (c - c);
    const tr = trueRange(h, l, c);
    atr *= period - 1;
    atr += tr;
    atr /= period;
    out[i] = normalize ? natrOf(atr, close[i]!) : atr;
  }
  return check === 0;
}

/** NATR's normalisation, as natr/stream.ts: (atr / close) * 100, 0 where |close| < 1e-14. */
function natrOf(atr: number, close: number): number {
  return close > -1e-14 && close < 1e-14 ? 0 : (atr / close) * 100;
}
