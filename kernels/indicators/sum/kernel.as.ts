import { fillNaN, ld, resumInterval, st, sumRange } from '../../assembly/lib/common';

/**
 * SUM, TA-Lib's running total (add the newest, store, subtract the oldest), summed afresh every
 * resumInterval(period) outputs. A scalar loop: the total is one serial chain, and keeping TA-Lib's
 * order of operations keeps it bit-exact.
 */
export function sum(x: usize, out: usize, n: i32, period: i32): void {
  const lookback = period - 1;
  fillNaN(out, lookback, n);
  if (n <= lookback) return;
  const every = resumInterval(period);
  for (let block = lookback; block < n; block += every) {
    const end = min(block + every, n);
    let total = sumRange(x, block - lookback, block);
    for (let i = block; i < end; i++) {
      total += ld(x, i);
      st(out, i, total);
      total -= ld(x, i - lookback);
    }
  }
}
