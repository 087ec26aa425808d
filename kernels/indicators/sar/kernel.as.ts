import { fillNaN, ld, st } from '../../assembly/lib/common';

/**
 * Parabolic SAR with TA-Lib's start and update order (see the reference): bit-exact. The work is a
 * chain of data-dependent branches per bar, so there is no element-wise part for SIMD to take.
 */
export function sar(high: usize, low: usize, out: usize, n: i32, accelerationIn: f64, maximum: f64): void {
  fillNaN(out, 1, n);
  if (n <= 1) return;
  const acceleration = accelerationIn > maximum ? maximum : accelerationIn;
  let af = acceleration;
  const up = ld(high, 1) - ld(high, 0);
  const down = ld(low, 0) - ld(low, 1);
  let isLong = !(down > 0 && up < down);
  let ep: f64, s: f64;
  if (isLong) {
    ep = ld(high, 1);
    s = ld(low, 0);
  } else {
    ep = ld(low, 1);
    s = ld(high, 0);
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
        st(out, i, s);
        af = acceleration;
        ep = newLow;
        s = s + af * (ep - s);
        if (s < prevHigh) s = prevHigh;
        if (s < newHigh) s = newHigh;
      } else {
        st(out, i, s);
        if (newHigh > ep) {
          ep = newHigh;
          af += acceleration;
          if (af > maximum) af = maximum;
        }
        s = s + af * (ep - s);
        if (s > prevLow) s = prevLow;
        if (s > newLow) s = newLow;
      }
    } else if (newHigh >= s) {
      isLong = true;
      s = ep;
      if (s > prevLow) s = prevLow;
      if (s > newLow) s = newLow;
      st(out, i, s);
      af = acceleration;
      ep = newHigh;
      s = s + af * (ep - s);
      if (s > prevLow) s = prevLow;
      if (s > newLow) s = newLow;
    } else {
      st(out, i, s);
      if (newLow < ep) {
        ep = newLow;
        af += acceleration;
        if (af > maximum) af = maximum;
      }
      s = s + af * (ep - s);
      if (s < prevHigh) s = prevHigh;
      if (s < newHigh) s = newHigh;
    }
  }
}
