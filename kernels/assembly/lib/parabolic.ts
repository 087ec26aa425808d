// TA-Lib's parabolic SAR loop (SAR, SAREXT): its start rule or a forced start, separate long and
// short accelerations (an initial value or step above its maximum lowered to it), an offset at
// reversals, and, for SAREXT, the SAR negated while short. SAR is the case init = step, both sides
// alike, no offset, unsigned (its single acceleration factor is reset at every reversal, so keeping
// one per side changes nothing).
import { fillNaN, ld, st } from './common';

/**
 * The parabolic SAR with TA-Lib's start and update order: bit-exact. A serial chain, so there is no
 * element-wise part for SIMD to take; only reversals branch (see pick).
 */
// @ts-ignore: decorator
@inline export function parabolicSeries(
  high: usize, low: usize, out: usize, n: i32,
  startValue: f64, offsetOnReverse: f64,
  initLongIn: f64, stepLongIn: f64, maxLong: f64,
  initShortIn: f64, stepShortIn: f64, maxShort: f64,
  signed: bool,
): void {
  fillNaN(out, 1, n);
  if (n <= 1) return;
  const initLong = initLongIn > maxLong ? maxLong : initLongIn;
  const stepLong = stepLongIn > maxLong ? maxLong : stepLongIn;
  const initShort = initShortIn > maxShort ? maxShort : initShortIn;
  const stepShort = stepShortIn > maxShort ? maxShort : stepShortIn;
  let afLong = initLong, afShort = initShort;
  let isLong: bool;
  if (startValue == 0) {
    const up = ld(high, 1) - ld(high, 0);
    const down = ld(low, 0) - ld(low, 1);
    isLong = !(down > 0 && up < down);
  } else {
    isLong = startValue > 0;
  }
  let ep: f64, s: f64;
  if (isLong) {
    ep = ld(high, 1);
    s = startValue == 0 ? ld(low, 0) : startValue;
  } else {
    ep = ld(low, 1);
    s = startValue == 0 ? ld(high, 0) : Math.abs(startValue);
  }
  let newHigh = ld(high, 1), newLow = ld(low, 1);
  for (let i = 1; i < n; i++) {
    const prevHigh = newHigh, prevLow = newLow;
    newHigh = ld(high, i);
    newLow = ld(low, i);
    if (isLong) {
      if (newLow <= s) {
        isLong = false;
        s = ep;
        if (s < prevHigh) s = prevHigh;
        if (s < newHigh) s = newHigh;
        if (offsetOnReverse != 0.0) s += s * offsetOnReverse;
        st(out, i, signed ? -s : s);
        afShort = initShort;
        ep = newLow;
        s = s + afShort * (ep - s);
        if (s < prevHigh) s = prevHigh;
        if (s < newHigh) s = newHigh;
      } else {
        st(out, i, s);
        const up = above(newHigh, ep);
        ep = pick(newHigh, ep, up);
        afLong = pick(capped(afLong + stepLong, maxLong), afLong, up);
        s = s + afLong * (ep - s);
        s = pick(prevLow, s, above(s, prevLow));
        s = pick(newLow, s, above(s, newLow));
      }
    } else if (newHigh >= s) {
      isLong = true;
      s = ep;
      if (s > prevLow) s = prevLow;
      if (s > newLow) s = newLow;
      if (offsetOnReverse != 0.0) s -= s * offsetOnReverse;
      st(out, i, s);
      afLong = initLong;
      ep = newHigh;
      s = s + afLong * (ep - s);
      if (s > prevLow) s = prevLow;
      if (s > newLow) s = newLow;
    } else {
      st(out, i, signed ? -s : s);
      const down = above(ep, newLow);
      ep = pick(newLow, ep, down);
      afShort = pick(capped(afShort + stepShort, maxShort), afShort, down);
      s = s + afShort * (ep - s);
      s = pick(prevHigh, s, above(prevHigh, s));
      s = pick(newHigh, s, above(newHigh, s));
    }
  }
}

// A trend's bars choose between values (a new extreme or not, a clamp or not) by lane masks and
// selects: TA-Lib's comparisons exactly, and no branch on the data for the predictor to miss.

/** All bits set when a > b (false for equal values, as TA-Lib's `>`), else none. */
// @ts-ignore: decorator
@inline function above(a: f64, b: f64): v128 {
  return f64x2.gt(f64x2.splat(a), f64x2.splat(b));
}

/** a where mask is set, else b. */
// @ts-ignore: decorator
@inline function pick(a: f64, b: f64, mask: v128): f64 {
  return f64x2.extract_lane(v128.bitselect(f64x2.splat(a), f64x2.splat(b), mask), 0);
}

/** TA-Lib's `if (af > max) af = max`. */
// @ts-ignore: decorator
@inline function capped(af: f64, max: f64): f64 {
  return pick(max, af, above(af, max));
}
