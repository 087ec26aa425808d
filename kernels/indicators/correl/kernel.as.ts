import { fillNaN, ld, resumInterval, st } from '../../assembly/lib/common';
import { correlOf } from '../../assembly/lib/pairs';

/**
 * CORREL, TA-Lib's order of operations (subtract the oldest pair, add the newest), the five sums summed
 * afresh every resumInterval(period) outputs. A scalar loop, bit-exact with TA-Lib.
 */
export function correl(real0: usize, real1: usize, out: usize, n: i32, period: i32): void {
  const lookback = period - 1;
  fillNaN(out, lookback, n);
  if (n <= lookback) return;
  const every = resumInterval(period);
  const p = <f64>period;
  for (let block = lookback; block < n; block += every) {
    const end = min(block + every, n);
    let sx: f64 = 0, sy: f64 = 0, sxx: f64 = 0, syy: f64 = 0, sxy: f64 = 0;
    for (let i = block - lookback; i <= block; i++) {
      const x = ld(real0, i), y = ld(real1, i);
      sx += x;
      sxx += x * x;
      sxy += x * y;
      sy += y;
      syy += y * y;
    }
    st(out, block, correlOf(p, sx, sy, sxx, syy, sxy));
    for (let t = block + 1; t < end; t++) {
      const a = ld(real0, t - period), b = ld(real1, t - period);
      sx -= a;
      sxx -= a * a;
      sxy -= a * b;
      sy -= b;
      syy -= b * b;
      const x = ld(real0, t), y = ld(real1, t);
      sx += x;
      sxx += x * x;
      sxy += x * y;
      sy += y;
      syy += y * y;
      st(out, t, correlOf(p, sx, sy, sxx, syy, sxy));
    }
  }
}
