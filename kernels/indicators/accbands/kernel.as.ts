import { fillNaN, ld, resumInterval, st, TA_EPSILON } from '../../assembly/lib/common';
import { smaBlocks } from '../../assembly/lib/ma';

// The band terms of bar i, left in these globals (the kernels never allocate).
let termUp: f64 = 0;
let termLo: f64 = 0;

// @ts-ignore: decorator
@inline function bandTerms(high: usize, low: usize, i: i32): void {
  const h = ld(high, i), l = ld(low, i);
  const sum = h + l;
  if (-TA_EPSILON < sum && sum < TA_EPSILON) {
    termUp = h;
    termLo = l;
  } else {
    const width = (4.0 * (h - l)) / sum;
    termUp = h * (1.0 + width);
    termLo = l * (1.0 - width);
  }
}

/**
 * ACCBANDS: the middle band is TA-Lib's SMA of the close (smaBlocks); the outer bands TA-Lib's SMA of
 * the band terms, recomputed where the window drops them (no scratch buffer), in the same re-sum
 * blocks and with the same operations: bit-exact.
 */
export function accbands(high: usize, low: usize, close: usize, upper: usize, middle: usize, lower: usize, n: i32, period: i32): void {
  const lookback = period - 1;
  fillNaN(upper, lookback, n);
  fillNaN(middle, lookback, n);
  fillNaN(lower, lookback, n);
  if (n <= lookback) return;
  const every = resumInterval(period);
  smaBlocks(close, middle, lookback, n, period, every);
  const p = <f64>period;
  for (let block = lookback; block < n; block += every) {
    const end = min(block + every, n);
    let tu: f64 = 0, tl: f64 = 0;
    for (let i = block - lookback; i < block; i++) {
      bandTerms(high, low, i);
      tu += termUp;
      tl += termLo;
    }
    for (let i = block; i < end; i++) {
      bandTerms(high, low, i);
      tu += termUp;
      tl += termLo;
      const u = tu, l = tl;
      bandTerms(high, low, i - lookback);
      tu -= termUp;
      tl -= termLo;
      st(upper, i, u / p);
      st(lower, i, l / p);
    }
  }
}
