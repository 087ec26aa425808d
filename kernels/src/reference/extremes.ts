import { barCount, int, real, reals, stillZero, unless, type StateProblem, type StateSpec } from '../state.ts';
/**
 * TA-Lib's rolling highest high / lowest low (WILLR, STOCH, STOCHF, STOCHRSI): it keeps the index of
 * each extreme, takes a new bar when it ties or beats it, and rescans the window only when the
 * extreme leaves it. The last `period` highs and lows live in rings indexed by bar number mod period,
 * so the state stays plain JSON.
 */
export interface ExtremesState {
  [key: string]: number | number[];
  highs: number[];
  lows: number[];
  /** Bars pushed so far. */
  bars: number;
  hiIdx: number;
  loIdx: number;
  hi: number;
  lo: number;
}

export function extremesSpec(period: number): StateSpec {
  return { highs: reals(period), lows: reals(period), bars: barCount(), hiIdx: int(-1, Number.MAX_SAFE_INTEGER), loIdx: int(-1, Number.MAX_SAFE_INTEGER), hi: real(), lo: real() };
}

/**
 * Before the window is full the extremes are unset and the slots not yet written hold 0; after, each
 * extreme's index lies in the window, its value is that slot's value, and no slot beats it.
 */
/** Before the window (the rings' length) is full: unwritten slots 0, the extremes unset. */
export function extremesBeforeFull(s: ExtremesState): StateProblem | undefined {
  for (let i = s.bars; i < s.highs.length; i++) {
    if (s.highs[i] !== 0) return { field: 'highs', reason: `[${i}] is beyond the ${s.bars} bars seen, so must be 0` };
    if (s.lows[i] !== 0) return { field: 'lows', reason: `[${i}] is beyond the ${s.bars} bars seen, so must be 0` };
  }
  return unless(s.hiIdx === -1, 'hiIdx', 'must be -1 before the window is full') ??
    unless(s.loIdx === -1, 'loIdx', 'must be -1 before the window is full') ??
    stillZero(s, ['hi', 'lo'], 'before the window is full');
}

export function extremesRelations(s: ExtremesState): StateProblem | undefined {
  const p = s.highs.length;
  if (s.bars < p) return extremesBeforeFull(s);
  const first = s.bars - p;
  return unless(s.hiIdx >= first && s.hiIdx < s.bars, 'hiIdx', `must be a bar of the window [${first}, ${s.bars - 1}], got ${s.hiIdx}`) ??
    unless(s.loIdx >= first && s.loIdx < s.bars, 'loIdx', `must be a bar of the window [${first}, ${s.bars - 1}], got ${s.loIdx}`) ??
    unless(s.hi === s.highs[s.hiIdx % p] && s.highs.every((v) => v <= s.hi), 'hi', 'must be the highest high of the window, at hiIdx') ??
    unless(s.lo === s.lows[s.loIdx % p] && s.lows.every((v) => v >= s.lo), 'lo', 'must be the lowest low of the window, at loIdx');
}

/** Values a stage fed from a `window`-bar stage has received after `bars` bars: one per bar once that window is full. */
export function valuesSince(bars: number, window: number): number {
  return Math.max(0, bars - window + 1);
}

export function extremesInit(period: number): ExtremesState {
  return { highs: new Array<number>(period).fill(0), lows: new Array<number>(period).fill(0), bars: 0, hiIdx: -1, loIdx: -1, hi: 0, lo: 0 };
}

/**
 * Pushes a bar; false while fewer than `period` bars were seen, else `hi` / `lo` are the window's
 * extremes. With firstOfTies a new bar takes an extreme only when it beats it, so the window's first
 * extreme is kept: TA-Lib's MIDPOINT and MIDPRICE, which rescan every window (the values are the same
 * either way; a zero's sign can differ).
 */
export function extremesPush(s: ExtremesState, high: number, low: number, firstOfTies = false): boolean {
  const p = s.highs.length;
  const today = s.bars++;
  s.highs[today % p] = high;
  s.lows[today % p] = low;
  if (today < p - 1) return false;
  const trailing = today - p + 1;
  if (s.loIdx < trailing) {
    s.loIdx = trailing;
    s.lo = s.lows[trailing % p]!;
    for (let i = trailing + 1; i <= today; i++) {
      const v = s.lows[i % p]!;
      if (v < s.lo) {
        s.loIdx = i;
        s.lo = v;
      }
    }
  } else if (low < s.lo || (low === s.lo && !firstOfTies)) {
    s.loIdx = today;
    s.lo = low;
  }
  if (s.hiIdx < trailing) {
    s.hiIdx = trailing;
    s.hi = s.highs[trailing % p]!;
    for (let i = trailing + 1; i <= today; i++) {
      const v = s.highs[i % p]!;
      if (v > s.hi) {
        s.hiIdx = i;
        s.hi = v;
      }
    }
  } else if (high > s.hi || (high === s.hi && !firstOfTies)) {
    s.hiIdx = today;
    s.hi = high;
  }
  return true;
}

/** TA-Lib's fast %K: (close - lowest) / ((highest - lowest) / 100), 0 when the range is 0. */
export function fastK(s: ExtremesState, close: number): number {
  const diff = (s.hi - s.lo) / 100;
  return diff !== 0 ? (close - s.lo) / diff : 0;
}

/**
 * TA-Lib's rolling highest and lowest of one series (MAX, MIN, MINMAX, MAXINDEX, MININDEX,
 * MINMAXINDEX, MIDPOINT): the same tracking as ExtremesState (a new value takes the extreme when it
 * ties or beats it; when the extreme leaves the window the window is rescanned and its first extreme
 * taken), over one ring of values. Both extremes are kept, so the whole family shares one state.
 * The indexes count bars from the first one pushed (= indexes into a batch's input).
 */
export interface SeriesExtremesState {
  [key: string]: number | number[];
  values: number[];
  /** Bars pushed so far. */
  bars: number;
  hiIdx: number;
  loIdx: number;
  hi: number;
  lo: number;
}

export function seriesExtremesInit(period: number): SeriesExtremesState {
  return { values: new Array<number>(period).fill(0), bars: 0, hiIdx: -1, loIdx: -1, hi: 0, lo: 0 };
}

export function seriesExtremesSpec(period: number): StateSpec {
  return { values: reals(period), bars: barCount(), hiIdx: int(-1, Number.MAX_SAFE_INTEGER), loIdx: int(-1, Number.MAX_SAFE_INTEGER), hi: real(), lo: real() };
}

/** As extremesRelations, over the one ring. */
export function seriesExtremesRelations(s: SeriesExtremesState): StateProblem | undefined {
  const p = s.values.length;
  if (s.bars < p) {
    for (let i = s.bars; i < p; i++) {
      if (s.values[i] !== 0) return { field: 'values', reason: `[${i}] is beyond the ${s.bars} bars seen, so must be 0` };
    }
    return unless(s.hiIdx === -1, 'hiIdx', 'must be -1 before the window is full') ??
      unless(s.loIdx === -1, 'loIdx', 'must be -1 before the window is full') ??
      stillZero(s, ['hi', 'lo'], 'before the window is full');
  }
  const first = s.bars - p;
  return unless(s.hiIdx >= first && s.hiIdx < s.bars, 'hiIdx', `must be a bar of the window [${first}, ${s.bars - 1}], got ${s.hiIdx}`) ??
    unless(s.loIdx >= first && s.loIdx < s.bars, 'loIdx', `must be a bar of the window [${first}, ${s.bars - 1}], got ${s.loIdx}`) ??
    unless(s.hi === s.values[s.hiIdx % p] && s.values.every((v) => v <= s.hi), 'hi', 'must be the highest value of the window, at hiIdx') ??
    unless(s.lo === s.values[s.loIdx % p] && s.values.every((v) => v >= s.lo), 'lo', 'must be the lowest value of the window, at loIdx');
}

/**
 * Pushes a value; false while fewer than `period` values were seen, else hi / lo (and their indexes)
 * describe the window. firstOfTies as for extremesPush (MIDPOINT).
 */
export function seriesExtremesPush(s: SeriesExtremesState, x: number, firstOfTies = false): boolean {
  const v = s.values;
  const p = v.length;
  const today = s.bars++;
  v[today % p] = x;
  if (today < p - 1) return false;
  const trailing = today - p + 1;
  if (s.hiIdx < trailing) {
    s.hiIdx = trailing;
    s.hi = v[trailing % p]!;
    for (let i = trailing + 1; i <= today; i++) {
      if (v[i % p]! > s.hi) {
        s.hiIdx = i;
        s.hi = v[i % p]!;
      }
    }
  } else if (x > s.hi || (x === s.hi && !firstOfTies)) {
    s.hiIdx = today;
    s.hi = x;
  }
  if (s.loIdx < trailing) {
    s.loIdx = trailing;
    s.lo = v[trailing % p]!;
    for (let i = trailing + 1; i <= today; i++) {
      if (v[i % p]! < s.lo) {
        s.loIdx = i;
        s.lo = v[i % p]!;
      }
    }
  } else if (x < s.lo || (x === s.lo && !firstOfTies)) {
    s.loIdx = today;
    s.lo = x;
  }
  return true;
}
