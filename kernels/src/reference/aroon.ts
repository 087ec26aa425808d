// TA-Lib's Aroon extremes (AROON, AROONOSC): the highest high and lowest low of the last period + 1
// bars with their bar numbers, a tie going to the most recent bar (unlike extremes.ts, where a
// rescan keeps the oldest). Added beside extremes.ts because its tie rule and window differ.
import { unless, type StateProblem, type StateSpec } from '../state.ts';
import { extremesBeforeFull, extremesSpec } from './extremes.ts';

export interface AroonState {
  [key: string]: number | number[];
  /** The last period + 1 highs and lows, in rings indexed by bar number mod (period + 1). */
  highs: number[];
  lows: number[];
  bars: number;
  hiIdx: number;
  loIdx: number;
  hi: number;
  lo: number;
}

export function aroonInit(period: number): AroonState {
  return { highs: new Array<number>(period + 1).fill(0), lows: new Array<number>(period + 1).fill(0), bars: 0, hiIdx: -1, loIdx: -1, hi: 0, lo: 0 };
}

/** The same fields as extremes.ts's state, over period + 1 bars. */
export function aroonSpec(period: number): StateSpec {
  return extremesSpec(period + 1);
}

/**
 * Before the window is full the extremes are unset and the slots not yet written hold 0; after, each
 * extreme's bar lies in the window, its value is that slot's, no slot beats it and no later slot ties it.
 */
export function aroonRelations(s: AroonState): StateProblem | undefined {
  const w = s.highs.length;
  if (s.bars < w) return extremesBeforeFull(s);
  const first = s.bars - w;
  const inWindow = (i: number) => i >= first && i < s.bars;
  if (!inWindow(s.hiIdx)) return { field: 'hiIdx', reason: `must be a bar of the window [${first}, ${s.bars - 1}], got ${s.hiIdx}` };
  if (!inWindow(s.loIdx)) return { field: 'loIdx', reason: `must be a bar of the window [${first}, ${s.bars - 1}], got ${s.loIdx}` };
  let hiOk = s.hi === s.highs[s.hiIdx % w] && s.highs.every((v) => v <= s.hi);
  let loOk = s.lo === s.lows[s.loIdx % w] && s.lows.every((v) => v >= s.lo);
  for (let i = s.hiIdx + 1; hiOk && i < s.bars; i++) hiOk = s.highs[i % w]! < s.hi;
  for (let i = s.loIdx + 1; loOk && i < s.bars; i++) loOk = s.lows[i % w]! > s.lo;
  return unless(hiOk, 'hi', 'must be the highest high of the window, at hiIdx, the latest bar holding it') ??
    unless(loOk, 'lo', 'must be the lowest low of the window, at loIdx, the latest bar holding it');
}

/**
 * Pushes a bar as TA-Lib's AROON loop does: false while fewer than period + 1 bars were seen; then
 * hi / lo and their bar numbers are the window's extremes, the latest bar taking a tie (a new bar
 * ties or beats the extreme; a rescan, when the extreme leaves the window, uses >= / <= too).
 */
export function aroonPush(s: AroonState, high: number, low: number): boolean {
  const w = s.highs.length;
  const today = s.bars++;
  s.highs[today % w] = high;
  s.lows[today % w] = low;
  if (today < w - 1) return false;
  const trailing = today - w + 1;
  if (s.loIdx < trailing) {
    s.loIdx = trailing;
    s.lo = s.lows[trailing % w]!;
    for (let i = trailing + 1; i <= today; i++) {
      const v = s.lows[i % w]!;
      if (v <= s.lo) {
        s.loIdx = i;
        s.lo = v;
      }
    }
  } else if (low <= s.lo) {
    s.loIdx = today;
    s.lo = low;
  }
  if (s.hiIdx < trailing) {
    s.hiIdx = trailing;
    s.hi = s.highs[trailing % w]!;
    for (let i = trailing + 1; i <= today; i++) {
      const v = s.highs[i % w]!;
      if (v >= s.hi) {
        s.hiIdx = i;
        s.hi = v;
      }
    }
  } else if (high >= s.hi) {
    s.hiIdx = today;
    s.hi = high;
  }
  return true;
}
