// Which bar holds a window's extreme, by blocks (van Herk / Gil-Werman, as extremes.ts's walkBlocks
// takes the values): comparisons become lane masks and selects, so nothing branches on the data.
// Branches that follow the data mispredict on any series the CPU's predictor has not memorised.
import { st } from './common';
import { BLOCK_WINDOW_MAX, blockSuffix, hasNaN, highNegLow } from './extremes';

const suffix = blockSuffix;

// What walkIndexBlocks writes per bar:
/** AROON: a = (100 / period) * (period - bars since the lowest low), b = the same for the highest high. */
export const AROON: i32 = 0;
/** AROONOSC: a = (100 / period) * (bar of the highest high - bar of the lowest low). */
export const AROON_OSC: i32 = 1;
/** MAXINDEX / MININDEX / MINMAXINDEX: a = TA-Lib's bar of the highest, b = of the lowest (either may be 0). */
export const TA_INDEX: i32 = 2;

/** Whether walkIndexBlocks can stand for TA-Lib's order: the window fits and no NaN makes comparisons differ. */
export function indexBlocksApply(high: usize, low: usize, n: i32, window: i32): bool {
  return n >= window && window <= BLOCK_WINDOW_MAX && !hasNaN(high, n) && (low == high || !hasNaN(low, n));
}

/**
 * Walks every window of `window` bars, t from window - 1 to n - 1, with its highest high and lowest
 * low ([highest, -lowest], one lane-wise comparison for both) and the bars holding them: among equal
 * extremes the latest (AROON's rule) or, for TA_INDEX, the earliest. The window ending at t spans the
 * end of the block before t's (a suffix, computed once per block backwards into a static buffer) and
 * the start of t's block (a running prefix). Per suffix entry 32 bytes: [highest, -lowest], then
 * their bars as doubles. `mode` says what is written for each t.
 */
// @ts-ignore: decorator
@inline export function walkIndexBlocks(high: usize, low: usize, a: usize, b: usize, n: i32, window: i32, period: i32, mode: i32): void {
  const laterWins = mode != TA_INDEX;
  const factor = f64x2.splat(100.0 / <f64>period);
  // TA_INDEX: the bars TA-Lib's tracking holds, -1 before the first window.
  let held = f64x2.splat(-1);
  // Windows ending in block 0 (bars 0 .. window - 1) end at its last bar only.
  let px = highNegLow(high, low, 0);
  let pi = f64x2.splat(0);
  for (let i = 1; i < window; i++) {
    const v = highNegLow(high, low, i);
    const take = laterWins ? f64x2.ge(v, px) : f64x2.gt(v, px);
    px = v128.bitselect(v, px, take);
    pi = v128.bitselect(f64x2.splat(<f64>i), pi, take);
  }
  held = emitIndexBar(mode, a, b, window - 1, window, period, factor, highNegLow(high, low, window - 1), px, pi, held);
  for (let start = window; start < n; start += window) {
    // Suffix of the block before, [start - window, start): entry j covers bars start - window + j .. start - 1.
    const before = start - window;
    let sx = highNegLow(high, low, start - 1);
    let si = f64x2.splat(<f64>(start - 1));
    v128.store(suffix + (<usize>(window - 1) << 5), sx);
    v128.store(suffix + (<usize>(window - 1) << 5) + 16, si);
    for (let j = window - 2; j >= 0; j--) {
      const v = highNegLow(high, low, before + j);
      const take = laterWins ? f64x2.gt(v, sx) : f64x2.ge(v, sx);
      sx = v128.bitselect(v, sx, take);
      si = v128.bitselect(f64x2.splat(<f64>(before + j)), si, take);
      v128.store(suffix + (<usize>j << 5), sx);
      v128.store(suffix + (<usize>j << 5) + 16, si);
    }
    const end = min(start + window, n);
    // t's window: suffix entry t - start + 1 (none when that is window), then the prefix start .. t.
    // (At t = start the step below leaves rx and ri as they are.)
    let rx = highNegLow(high, low, start);
    let ri = f64x2.splat(<f64>start);
    for (let t = start; t < end; t++) {
      const v = highNegLow(high, low, t);
      const take = laterWins ? f64x2.ge(v, rx) : f64x2.gt(v, rx);
      rx = v128.bitselect(v, rx, take);
      ri = v128.bitselect(f64x2.splat(<f64>t), ri, take);
      const j = t - start + 1;
      if (j < window) {
        const ex = v128.load(suffix + (<usize>j << 5));
        const ei = v128.load(suffix + (<usize>j << 5) + 16);
        const prefixTakes = laterWins ? f64x2.ge(rx, ex) : f64x2.gt(rx, ex);
        px = v128.bitselect(rx, ex, prefixTakes);
        pi = v128.bitselect(ri, ei, prefixTakes);
      } else {
        px = rx;
        pi = ri;
      }
      held = emitIndexBar(mode, a, b, t, window, period, factor, v, px, pi, held);
    }
  }
}

/**
 * Writes bar t from its window's extremes px, their bars pi and bar t's own [high, -low] (cur);
 * returns TA_INDEX's held bars (unchanged in the other modes).
 */
// @ts-ignore: decorator
@inline function emitIndexBar(mode: i32, a: usize, b: usize, t: i32, window: i32, period: i32, factor: v128, cur: v128, px: v128, pi: v128, held: v128): v128 {
  if (mode == AROON) {
    // TA-Lib's factor * (period - (t - bar)), the integer exact in a double.
    const r = f64x2.mul(factor, f64x2.sub(pi, f64x2.splat(<f64>(t - period))));
    st(a, t, f64x2.extract_lane(r, 1));
    st(b, t, f64x2.extract_lane(r, 0));
    return held;
  }
  if (mode == AROON_OSC) {
    st(a, t, f64x2.extract_lane(factor, 0) * (f64x2.extract_lane(pi, 0) - f64x2.extract_lane(pi, 1)));
    return held;
  }
  // TA-Lib holds its extreme's bar while it is in the window, and a new bar takes it when it ties or
  // beats it; while the held bar stays in the window, bar t ties or beats the last window's extreme
  // exactly when it equals this window's. When the held bar leaves, TA-Lib rescans the window and
  // takes its earliest extreme: pi.
  const rescan = f64x2.lt(held, f64x2.splat(<f64>(t - window + 1)));
  const next = v128.bitselect(pi, v128.bitselect(f64x2.splat(<f64>t), held, f64x2.eq(cur, px)), rescan);
  if (a != 0) st(a, t, f64x2.extract_lane(next, 0));
  if (b != 0) st(b, t, f64x2.extract_lane(next, 1));
  return next;
}
