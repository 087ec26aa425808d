// TA-Lib's Aroon extremes (AROON, AROONOSC) over the last period + 1 bars, a tie going to the most
// recent bar, tracked as TA-Lib does: keep each extreme's index, rescan only when it leaves the window.
import { fillNaN, ld, st } from './common';

/**
 * With osc false: down[t] and up[t] = (100 / period) * (period - bars since the lowest low / highest
 * high); with osc true: down[t] = (100 / period) * (bar of the highest high - bar of the lowest low)
 * and `up` is not written. From t = period; NaN before.
 */
// @ts-ignore: decorator
@inline export function aroonSeries(high: usize, low: usize, down: usize, up: usize, n: i32, period: i32, osc: bool): void {
  fillNaN(down, period, n);
  if (!osc) fillNaN(up, period, n);
  const factor = 100.0 / <f64>period;
  let loIdx = -1, hiIdx = -1;
  let lo: f64 = 0, hi: f64 = 0;
  for (let today = period; today < n; today++) {
    const trailing = today - period;
    let v = ld(low, today);
    if (loIdx < trailing) {
      loIdx = trailing;
      lo = ld(low, trailing);
      for (let i = trailing + 1; i <= today; i++) {
        const w = ld(low, i);
        if (w <= lo) {
          loIdx = i;
          lo = w;
        }
      }
    } else if (v <= lo) {
      loIdx = today;
      lo = v;
    }
    v = ld(high, today);
    if (hiIdx < trailing) {
      hiIdx = trailing;
      hi = ld(high, trailing);
      for (let i = trailing + 1; i <= today; i++) {
        const w = ld(high, i);
        if (w >= hi) {
          hiIdx = i;
          hi = w;
        }
      }
    } else if (v >= hi) {
      hiIdx = today;
      hi = v;
    }
    if (osc) {
      st(down, today, factor * <f64>(hiIdx - loIdx));
    } else {
      st(up, today, factor * <f64>(period - (today - hiIdx)));
      st(down, today, factor * <f64>(period - (today - loIdx)));
    }
  }
}
