import { fillNaN, resumInterval, st } from '../../assembly/lib/common';
import { betaOf, betaReturn } from '../../assembly/lib/pairs';

/**
 * BETA, TA-Lib's order of operations: returns formed on the fly (the one leaving the window formed
 * again, as TA-Lib does), running sums added, used and subtracted, summed afresh every
 * resumInterval(period) outputs. A scalar loop: four serial sums, bit-exact with TA-Lib.
 */
export function beta(real0: usize, real1: usize, out: usize, n: i32, period: i32): void {
  fillNaN(out, period, n);
  if (n <= period) return;
  const every = resumInterval(period);
  const p = <f64>period;
  for (let block = period; block < n; block += every) {
    const end = min(block + every, n);
    let sxx: f64 = 0, sxy: f64 = 0, sx: f64 = 0, sy: f64 = 0;
    for (let i = block - period + 1; i < block; i++) {
      const x = betaReturn(real0, i), y = betaReturn(real1, i);
      sxx += x * x;
      sxy += x * y;
      sx += x;
      sy += y;
    }
    for (let t = block; t < end; t++) {
      const x = betaReturn(real0, t), y = betaReturn(real1, t);
      sxx += x * x;
      sxy += x * y;
      sx += x;
      sy += y;
      st(out, t, betaOf(p, sxx, sxy, sx, sy));
      const a = betaReturn(real0, t - period + 1), b = betaReturn(real1, t - period + 1);
      sxx -= a * a;
      sxy -= a * b;
      sx -= a;
      sy -= b;
    }
  }
}
