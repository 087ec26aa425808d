// TA-Lib's rolling highest / lowest values and the range position built on them (WILLR, STOCH,
// STOCHF, STOCHRSI, MAX, MIN, MINMAX, their INDEX forms, MIDPOINT, MIDPRICE).
import { at, ld, st } from './common';

/**
 * Room for the index deque of windows up to this long, static (the kernels never allocate, and it fits
 * the module's initial memory); longer windows rescan as TA-Lib does.
 */
export const DEQUE_CAPACITY: i32 = 16_384;
const deque: usize = memory.data(DEQUE_CAPACITY << 2, 16);

/** What rollingExtreme writes into `val`. */
export const STORE: i32 = 0;
/** val[t] = (val[t] + extreme) / 2: TA-Lib's midpoint (highest + lowest) / 2, the highest already in val. */
export const MIDPOINT: i32 = 1;

/**
 * TA-Lib's rolling highest (max = true) or lowest value of x over windows of p bars, for t in
 * [p-1, n): the extreme into val (as `mode` says; skipped when val is 0) and its index, as a double,
 * into idx (skipped when 0). TA-Lib keeps the extreme's index, lets a new value take it when it ties
 * or beats it, and when it leaves the window rescans the window and takes its FIRST extreme. Up to
 * DEQUE_CAPACITY bars that rescan is a deque lookup, O(1) amortised per bar: a deque of indexes whose
 * values never improve from front to back (equal values kept), so its front is the window's earliest
 * extreme, what the rescan finds. Longer windows rescan.
 */
export function rollingExtreme(x: usize, val: usize, idx: usize, n: i32, p: i32, max: bool, mode: i32): void {
  const useDeque = p <= DEQUE_CAPACITY;
  let head = 0; // ring position of the deque's front
  let size = 0;
  let best = -1;
  let ext: f64 = 0;
  for (let t = useDeque ? 0 : p - 1; t < n; t++) {
    const v = ld(x, t);
    const trailing = t - p + 1;
    if (useDeque) {
      if (size > 0 && load<i32>(deque + (<usize>head << 2)) < trailing) {
        head = head + 1 == p ? 0 : head + 1;
        size--;
      }
      while (size > 0) {
        let back = head + size - 1;
        if (back >= p) back -= p;
        const w = ld(x, load<i32>(deque + (<usize>back << 2)));
        if (max ? w < v : w > v) size--;
        else break;
      }
      let slot = head + size;
      if (slot >= p) slot -= p;
      store<i32>(deque + (<usize>slot << 2), t);
      size++;
      if (trailing < 0) continue;
    }
    if (best < trailing) {
      if (useDeque) {
        best = load<i32>(deque + (<usize>head << 2));
        ext = ld(x, best);
      } else {
        best = trailing;
        ext = ld(x, trailing);
        for (let i = trailing + 1; i <= t; i++) {
          const w = ld(x, i);
          if (max ? w > ext : w < ext) {
            best = i;
            ext = w;
          }
        }
      }
    } else if (max ? v >= ext : v <= ext) {
      best = t;
      ext = v;
    }
    if (val != 0) st(val, t, mode == MIDPOINT ? (ld(val, t) + ext) / 2.0 : ext);
    if (idx != 0) st(idx, t, <f64>best);
  }
}

/** dst[t] = max(x[t-p+1..t]) for t in [p-1, n), TA-Lib's values (see rollingExtreme). */
export function rollingMax(x: usize, dst: usize, n: i32, p: i32): void {
  rollingExtreme(x, dst, 0, n, p, true, STORE);
}

/** dst[t] = min(x[t-p+1..t]) for t in [p-1, n), TA-Lib's values (see rollingExtreme). */
export function rollingMin(x: usize, dst: usize, n: i32, p: i32): void {
  rollingExtreme(x, dst, 0, n, p, false, STORE);
}

/**
 * With hh = rolling highs already in out[p-1..n), tracks the rolling low of `low` and writes
 * TA-Lib's fast %K (williams = false: (c - ll) / ((hh - ll) / 100)) or Williams' %R (williams = true:
 * (hh - c) / ((hh - ll) / -100)) into out, 0 where the divisor is 0. For callers with one spare buffer.
 */
export function rangePosition(low: usize, close: usize, out: usize, n: i32, p: i32, williams: bool): void {
  const scale: f64 = williams ? -100.0 : 100.0;
  let idx = -1;
  let lo: f64 = 0;
  for (let today = p - 1; today < n; today++) {
    const trailing = today - p + 1;
    const v = ld(low, today);
    if (idx < trailing) {
      idx = trailing;
      lo = ld(low, trailing);
      for (let i = trailing + 1; i <= today; i++) {
        const w = ld(low, i);
        if (w < lo) {
          idx = i;
          lo = w;
        }
      }
    } else if (v <= lo) {
      idx = today;
      lo = v;
    }
    const hi = ld(out, today);
    const diff = (hi - lo) / scale;
    const c = ld(close, today);
    st(out, today, diff != 0 ? (williams ? hi - c : c - lo) / diff : 0);
  }
}

/** kOut[t] = fast %K from hh[t], ll[t] and the close, two bars per vector (kOut may alias hh or ll). */
export function fastKRun(close: usize, hh: usize, ll: usize, kOut: usize, from: i32, n: i32): void {
  const hundred = f64x2.splat(100);
  const zero = f64x2.splat(0);
  let i = from;
  for (; i + 1 < n; i += 2) {
    const h = v128.load(at(hh, i)), l = v128.load(at(ll, i)), c = v128.load(at(close, i));
    const diff = f64x2.div(f64x2.sub(h, l), hundred);
    const k = f64x2.div(f64x2.sub(c, l), diff);
    v128.store(at(kOut, i), v128.bitselect(zero, k, f64x2.eq(diff, zero)));
  }
  for (; i < n; i++) {
    const h = ld(hh, i), l = ld(ll, i);
    const diff = (h - l) / 100;
    st(kOut, i, diff != 0 ? (ld(close, i) - l) / diff : 0);
  }
}

/** Longest window rangePositionBlocks handles (its static suffix buffers hold one block each). */
export const BLOCK_WINDOW_MAX: i32 = 4096;
const suffixHigh: usize = memory.data(BLOCK_WINDOW_MAX << 3, 16);
const suffixLow: usize = memory.data(BLOCK_WINDOW_MAX << 3, 16);

/**
 * rangePosition (Williams' %R or fast %K) with the rolling highest high and lowest low taken by blocks
 * of p bars (van Herk / Gil-Werman): the window ending at bar t spans the end of the block before t's
 * and the start of t's block, so its extreme is the extreme of that block's suffix (computed once per
 * block, backwards, into a static buffer) and of t's block's prefix (a running value). No branches on
 * the data, O(1) per bar. The values are TA-Lib's: an extreme is exact whichever equal value supplies
 * it. For p <= BLOCK_WINDOW_MAX and n >= p; out[p - 1 .. n) written.
 */
export function rangePositionBlocks(high: usize, low: usize, close: usize, out: usize, n: i32, p: i32, williams: bool): void {
  const scale: f64 = williams ? -100.0 : 100.0;
  // Block b holds bars [b * p, (b + 1) * p). Windows ending in block 0 end at bar p - 1 only.
  let hi: f64 = ld(high, 0), lo: f64 = ld(low, 0);
  for (let i = 1; i < p; i++) {
    const h = ld(high, i), l = ld(low, i);
    hi = select<f64>(h, hi, h > hi);
    lo = select<f64>(l, lo, l < lo);
  }
  st(out, p - 1, position(hi, lo, ld(close, p - 1), scale, williams));
  for (let start = p; start < n; start += p) {
    // Suffix extremes of the block before, [start - p, start): suffix[j] covers bars start - p + j .. start - 1.
    const before = start - p;
    let sh: f64 = ld(high, start - 1), sl: f64 = ld(low, start - 1);
    st(suffixHigh, p - 1, sh);
    st(suffixLow, p - 1, sl);
    for (let j = p - 2; j >= 0; j--) {
      const h = ld(high, before + j), l = ld(low, before + j);
      sh = select<f64>(h, sh, h > sh);
      sl = select<f64>(l, sl, l < sl);
      st(suffixHigh, j, sh);
      st(suffixLow, j, sl);
    }
    const end = min(start + p, n);
    // Window of bar t: bars t - p + 1 .. t = suffix from j = t - start + 1 of the block before, then start .. t.
    let ph: f64 = ld(high, start), pl: f64 = ld(low, start);
    for (let t = start; t < end; t++) {
      const h = ld(high, t), l = ld(low, t);
      ph = select<f64>(h, ph, h > ph);
      pl = select<f64>(l, pl, l < pl);
      const j = t - start + 1;
      let wh = ph, wl = pl;
      if (j < p) {
        const a = ld(suffixHigh, j), b = ld(suffixLow, j);
        wh = select<f64>(a, ph, a > ph);
        wl = select<f64>(b, pl, b < pl);
      }
      st(out, t, position(wh, wl, ld(close, t), scale, williams));
    }
  }
}

// @ts-ignore: decorator
@inline function position(hi: f64, lo: f64, c: f64, scale: f64, williams: bool): f64 {
  const diff = (hi - lo) / scale;
  return diff != 0 ? (williams ? hi - c : c - lo) / diff : 0;
}
