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

export function extremesInit(period: number): ExtremesState {
  return { highs: new Array<number>(period).fill(0), lows: new Array<number>(period).fill(0), bars: 0, hiIdx: -1, loIdx: -1, hi: 0, lo: 0 };
}

/** Pushes a bar; false while fewer than `period` bars were seen, else `hi` / `lo` are the window's extremes. */
export function extremesPush(s: ExtremesState, high: number, low: number): boolean {
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
  } else if (low <= s.lo) {
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
  } else if (high >= s.hi) {
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
