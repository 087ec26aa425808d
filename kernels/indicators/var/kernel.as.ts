import { fillNaN, ld, resumInterval, st, sumRange, sumSquaresRange } from '../../assembly/lib/common';

/**
 * VAR, TA-Lib's order of operations (add the newest to both sums, divide, subtract the oldest, then
 * mean2 - mean^2), summed afresh every resumInterval(period) outputs. A scalar loop: the difference of
 * two nearly equal means leaves nothing to spare for another rounding order.
 */
function variance(x: usize, out: usize, n: i32, period: i32, nbDev: f64): void {
  const lookback = period - 1;
  fillNaN(out, lookback, n);
  if (n <= lookback) return;
  const every = resumInterval(period);
  const p = <f64>period;
  for (let block = lookback; block < n; block += every) {
    const end = min(block + every, n);
    let total = sumRange(x, block - lookback, block);
    let total2 = sumSquaresRange(x, block - lookback, block);
    for (let i = block; i < end; i++) {
      const a = ld(x, i);
      total += a;
      total2 += a * a;
      const mean = total / p;
      const mean2 = total2 / p;
      const b = ld(x, i - lookback);
      total -= b;
      total2 -= b * b;
      st(out, i, mean2 - mean * mean);
    }
  }
}

// `var` is a reserved word: the function cannot bear its export name.
export { variance as var };
