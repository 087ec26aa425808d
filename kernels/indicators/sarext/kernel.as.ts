import { fillNaN, ld, st } from '../../assembly/lib/common';

/**
 * SAREXT with TA-Lib's start, accelerations and update order (see the reference): bit-exact. A chain
 * of data-dependent branches per bar, so there is no element-wise part for SIMD to take.
 */
export function sarext(
  high: usize, low: usize, out: usize, n: i32,
  startValue: f64, offsetOnReverse: f64,
  initLongIn: f64, stepLongIn: f64, maxLong: f64,
  initShortIn: f64, stepShortIn: f64, maxShort: f64,
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
        st(out, i, -s);
        afShort = initShort;
        ep = newLow;
        s = s + afShort * (ep - s);
        if (s < prevHigh) s = prevHigh;
        if (s < newHigh) s = newHigh;
      } else {
        st(out, i, s);
        if (newHigh > ep) {
          ep = newHigh;
          afLong += stepLong;
          if (afLong > maxLong) afLong = maxLong;
        }
        s = s + afLong * (ep - s);
        if (s > prevLow) s = prevLow;
        if (s > newLow) s = newLow;
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
      st(out, i, -s);
      if (newLow < ep) {
        ep = newLow;
        afShort += stepShort;
        if (afShort > maxShort) afShort = maxShort;
      }
      s = s + afShort * (ep - s);
      if (s < prevHigh) s = prevHigh;
      if (s < newHigh) s = newHigh;
    }
  }
}
