import { at, fillNaN, ld, resumInterval, st, sumRange, sumSquaresRange } from '../../assembly/lib/common';

/**
 * VAR, TA-Lib's order of operations (add the newest to both sums, divide, subtract the oldest, then
 * mean2 - mean^2), summed afresh every resumInterval(period) outputs: the difference of two nearly
 * equal means leaves nothing to spare for another rounding order. The two sums travel in one vector
 * ([total, total2], so both divisions of a bar are one), two bars per step.
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
    let sums = f64x2.replace_lane(f64x2.splat(total), 1, total2);
    const pv = f64x2.splat(p);
    let i = block;
    for (; i + 1 < end; i += 2) {
      const a = v128.load(at(x, i)), b = v128.load(at(x, i - lookback));
      const a2 = f64x2.mul(a, a), b2 = f64x2.mul(b, b);
      sums = f64x2.add(sums, v128.shuffle<f64>(a, a2, 0, 2));
      const means0 = f64x2.div(sums, pv);
      sums = f64x2.sub(sums, v128.shuffle<f64>(b, b2, 0, 2));
      sums = f64x2.add(sums, v128.shuffle<f64>(a, a2, 1, 3));
      const means1 = f64x2.div(sums, pv);
      sums = f64x2.sub(sums, v128.shuffle<f64>(b, b2, 1, 3));
      const mean = v128.shuffle<f64>(means0, means1, 0, 2), mean2 = v128.shuffle<f64>(means0, means1, 1, 3);
      v128.store(at(out, i), f64x2.sub(mean2, f64x2.mul(mean, mean)));
    }
    total = f64x2.extract_lane(sums, 0);
    total2 = f64x2.extract_lane(sums, 1);
    for (; i < end; i++) {
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
