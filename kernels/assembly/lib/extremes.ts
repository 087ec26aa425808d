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
const MIDPOINT: i32 = 1;

/**
 * TA-Lib's rolling highest (max = true) or lowest value of x over windows of p bars, for t in
 * [p-1, n): the extreme into val (as `mode` says; skipped when val is 0) and its index, as a double,
 * into idx (skipped when 0). TA-Lib keeps the extreme's index, lets a new value take it when it ties
 * or beats it, and when it leaves the window rescans the window and takes its FIRST extreme. Up to
 * DEQUE_CAPACITY bars that rescan is a deque lookup, O(1) amortised per bar: a deque of indexes whose
 * values never improve from front to back (equal values kept), so its front is the window's earliest
 * extreme, what the rescan finds. Longer windows rescan. With firstOfTies a new value takes the
 * extreme only when it beats it, so the window's first extreme is always kept: TA-Lib's MIDPOINT and
 * MIDPRICE, which rescan every window (the same values; the sign of a zero can differ).
 */
export function rollingExtreme(x: usize, val: usize, idx: usize, n: i32, p: i32, max: bool, mode: i32, firstOfTies: bool = false): void {
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
    } else if (max ? v > ext || (v == ext && !firstOfTies) : v < ext || (v == ext && !firstOfTies)) {
      best = t;
      ext = v;
    }
    if (val != 0) st(val, t, mode == MIDPOINT ? (ld(val, t) + ext) / 2.0 : ext);
    if (idx != 0) st(idx, t, <f64>best);
  }
}

/** dst[t] = max(x[t-p+1..t]) for t in [p-1, n), TA-Lib's values (see rollingHighLow); dst must not alias x. */
export function rollingMax(x: usize, dst: usize, n: i32, p: i32): void {
  rollingHighLow(x, x, dst, 0, n, p);
}

/** dst[t] = min(x[t-p+1..t]) for t in [p-1, n), TA-Lib's values (see rollingHighLow); dst must not alias x. */
export function rollingMin(x: usize, dst: usize, n: i32, p: i32): void {
  rollingHighLow(x, x, 0, dst, n, p);
}

/**
 * hh[t] = max(high[t-p+1..t]) and ll[t] = min(low[t-p+1..t]) for t in [p-1, n) (either output may be
 * 0: not written; neither may alias an input), TA-Lib's values. By blocks (extremesBlocks) when the
 * window fits the suffix buffer and neither series holds a zero or a NaN: then equal values are the
 * same bits whichever bar supplies the extreme, so the blocks' choice among ties cannot differ from
 * TA-Lib's (+0 and -0, or a NaN, could). Otherwise rollingExtreme, TA-Lib's own order.
 */
export function rollingHighLow(high: usize, low: usize, hh: usize, ll: usize, n: i32, p: i32): void {
  if (blocksAreExact(high, low, n, p)) {
    extremesBlocks(high, low, hh, ll, n, p);
    return;
  }
  if (hh != 0) rollingExtreme(high, hh, 0, n, p, true, STORE);
  if (ll != 0) rollingExtreme(low, ll, 0, n, p, false, STORE);
}

/**
 * out[t] = (highest of high + lowest of low) / 2 over windows of p bars, for t in [p-1, n): MIDPRICE,
 * and MIDPOINT with high = low. By blocks under rollingHighLow's conditions (no branch on the data:
 * rollingExtreme's deque branches on every comparison, which mispredicts on series the predictor has
 * not memorised), else rollingExtreme keeping each window's first extremes as TA-Lib's rescans do.
 * TA-Lib's operation either way: (highest + lowest) / 2.
 */
export function rollingMidRange(high: usize, low: usize, out: usize, n: i32, p: i32): void {
  if (blocksAreExact(high, low, n, p)) {
    walkBlocks(high, low, 0, out, 0, n, p, MID_RANGE);
    return;
  }
  rollingExtreme(high, out, 0, n, p, true, STORE, true);
  rollingExtreme(low, out, 0, n, p, false, MIDPOINT, true);
}

/** Whether walkBlocks can stand for TA-Lib's order here: the window fits, and no zero or NaN makes ties differ. */
function blocksAreExact(high: usize, low: usize, n: i32, p: i32): bool {
  return n >= p && p <= BLOCK_WINDOW_MAX && !hasZeroOrNaN(high, n) && (low == high || !hasZeroOrNaN(low, n));
}

/** Whether x[0..n) holds a zero (of either sign) or a NaN. */
function hasZeroOrNaN(x: usize, n: i32): bool {
  return holds(x, n, true);
}

/** Whether x[0..n) holds a NaN (finite inputs never do; the kernels do not rely on it). */
export function hasNaN(x: usize, n: i32): bool {
  return holds(x, n, false);
}

/** Whether x[0..n) holds a NaN, or with zeros a zero of either sign; two values per vector, no branch on the data. */
// @ts-ignore: decorator
@inline function holds(x: usize, n: i32, zeros: bool): bool {
  const zero = f64x2.splat(0);
  let found = zero;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const v = v128.load(at(x, i));
    const nan = f64x2.ne(v, v);
    found = v128.or(found, zeros ? v128.or(f64x2.eq(v, zero), nan) : nan);
  }
  if (i < n) {
    const v = ld(x, i);
    if ((zeros && v == 0) || v != v) return true;
  }
  return v128.any_true(found);
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

/** Longest window the block walks handle (walkBlocks here, walkIndexBlocks in extreme-index.ts): their static suffix buffer holds one block. */
export const BLOCK_WINDOW_MAX: i32 = 4096;
/** The block walks' suffix buffer: up to 32 bytes per bar of a block (walkBlocks uses 16). */
export const blockSuffix: usize = memory.data(BLOCK_WINDOW_MAX << 5, 16);
const suffix = blockSuffix;

/** [high[i], -low[i]]: the highest high and the lowest low as one lane-wise maximum. */
// @ts-ignore: decorator
@inline export function highNegLow(high: usize, low: usize, i: i32): v128 {
  return v128.xor(v128.load64_lane(at(low, i), v128.load64_splat(at(high, i)), 1), f64x2.replace_lane(f64x2.splat(0), 1, -0.0));
}

/**
 * Williams' %R (rangePosition's williams form) with the rolling highest high and lowest low taken by
 * blocks (walkBlocks). For p <= BLOCK_WINDOW_MAX and n >= p; out[p - 1 .. n) written.
 */
export function williamsRBlocks(high: usize, low: usize, close: usize, out: usize, n: i32, p: i32): void {
  walkBlocks(high, low, close, out, 0, n, p, WILLIAMS_R);
}

/**
 * The rolling highest of `high` and lowest of `low` by blocks (walkBlocks) into hh and ll (either may
 * be 0). For p <= BLOCK_WINDOW_MAX and n >= p; the values are TA-Lib's under rollingHighLow's conditions.
 */
function extremesBlocks(high: usize, low: usize, hh: usize, ll: usize, n: i32, p: i32): void {
  walkBlocks(high, low, 0, hh, ll, n, p, EXTREMES);
}

/** What walkBlocks writes per bar: Williams' %R into a, the extremes into a and b, or their midpoint into a. */
const WILLIAMS_R: i32 = 0;
const EXTREMES: i32 = 1;
const MID_RANGE: i32 = 2;

/**
 * The rolling highest high and lowest low over windows of p bars by blocks of p bars (van Herk /
 * Gil-Werman): the window ending at bar t spans the end of the block before t's and the start of t's
 * block, so its extremes are those of that block's suffix (computed once per block, backwards, into a
 * static buffer) and of t's block's prefix (a running value). The high and the negated low share a
 * vector and f64x2.pmax (one instruction, no branch on the data). An extreme is exact whichever equal
 * value supplies it, and negation is exact. Each bar's [highest, -lowest] goes to `mode`'s output.
 */
// @ts-ignore: decorator
@inline function walkBlocks(high: usize, low: usize, close: usize, a: usize, b: usize, n: i32, p: i32, mode: i32): void {
  // Block k holds bars [k * p, (k + 1) * p). Windows ending in block 0 end at bar p - 1 only.
  let ext = highNegLow(high, low, 0);
  for (let i = 1; i < p; i++) ext = f64x2.pmax(ext, highNegLow(high, low, i));
  emitBlockBar(mode, close, a, b, p - 1, ext);
  for (let start = p; start < n; start += p) {
    // Suffix extremes of the block before, [start - p, start): entry j covers bars start - p + j .. start - 1.
    const before = start - p;
    let sx = highNegLow(high, low, start - 1);
    v128.store(suffix + (<usize>(p - 1) << 4), sx);
    for (let j = p - 2; j >= 0; j--) {
      sx = f64x2.pmax(sx, highNegLow(high, low, before + j));
      v128.store(suffix + (<usize>j << 4), sx);
    }
    const end = min(start + p, n);
    // Window of bar t: bars t - p + 1 .. t = the suffix from entry t - start + 1, then start .. t.
    let px = highNegLow(high, low, start);
    emitBlockBar(mode, close, a, b, start, p > 1 ? f64x2.pmax(v128.load(suffix + 16), px) : px);
    for (let t = start + 1; t < end; t++) {
      px = f64x2.pmax(px, highNegLow(high, low, t));
      const j = t - start + 1;
      emitBlockBar(mode, close, a, b, t, j < p ? f64x2.pmax(v128.load(suffix + (<usize>j << 4)), px) : px);
    }
  }
}

// @ts-ignore: decorator
@inline function emitBlockBar(mode: i32, close: usize, a: usize, b: usize, t: i32, ext: v128): void {
  if (mode == EXTREMES) {
    if (a != 0) st(a, t, f64x2.extract_lane(ext, 0));
    if (b != 0) st(b, t, -f64x2.extract_lane(ext, 1));
  } else if (mode == MID_RANGE) {
    st(a, t, (f64x2.extract_lane(ext, 0) + -f64x2.extract_lane(ext, 1)) / 2.0);
  } else {
    st(a, t, williamsR(ext, ld(close, t)));
  }
}

/** TA-Lib's %R from [highest, -lowest] and the close (its operations: (hi - c) / ((hi - lo) / -100)), 0 where the range is 0. */
// @ts-ignore: decorator
@inline function williamsR(ext: v128, c: f64): f64 {
  const hi = f64x2.extract_lane(ext, 0), lo = -f64x2.extract_lane(ext, 1);
  const diff = (hi - lo) / -100.0;
  return diff != 0 ? (hi - c) / diff : 0;
}
