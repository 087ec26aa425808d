import { at, broadcastHigh, fillNaN, ld, pairPrefix, resumInterval, st, sumRange } from '../../assembly/lib/common';
import { allFinite } from '../../assembly/lib/validate';

/**
 * SMA. Within a block between re-sums, total[i] = total[i-1] + (x[i] - x[i-period]): the differences
 * are formed two at a time, prefix-summed in the vector, and the running total advances four bars per
 * loop-carried add.
 */
export function sma(x: usize, out: usize, n: i32, period: i32): void {
  smaRun(x, out, n, period, false);
}

/**
 * sma that also checks every input value on the way (the division per bar leaves room for it) instead
 * of a pass before: 1 when all are finite, else 0 (the outputs are then unspecified).
 */
export function sma_checked(x: usize, out: usize, n: i32, period: i32): i32 {
  return smaRun(x, out, n, period, true);
}

// @ts-ignore: decorator
@inline function smaRun(x: usize, out: usize, n: i32, period: i32, checked: bool): i32 {
  const lookback = period - 1;
  fillNaN(out, lookback, n);
  if (n <= lookback) return checked ? <i32>allFinite(x, n) : 1;
  // x - x is 0 for a finite x and NaN otherwise. The loops below read x[i] for i past each block's
  // start; the values before the first block and each block's start are checked apart.
  let checks = f64x2.splat(0);
  let check: f64 = 0;
  if (checked) {
    for (let j = 0; j < lookback; j++) {
      const v = ld(x, j);
      check += v - v;
    }
  }
  const every = resumInterval(period);
  const p = <f64>period;
  const pv = f64x2.splat(p);
  for (let block = lookback; block < n; block += every) {
    const end = min(block + every, n);
    if (checked) {
      const v = ld(x, block);
      check += v - v;
    }
    let total = sumRange(x, block - lookback, block + 1);
    st(out, block, total / p);
    let i = block + 1;
    let s = f64x2.splat(total);
    for (; i + 3 < end; i += 4) {
      const x01 = v128.load(at(x, i)), x23 = v128.load(at(x, i + 2));
      if (checked) checks = f64x2.add(checks, f64x2.add(f64x2.sub(x01, x01), f64x2.sub(x23, x23)));
      const d01 = pairPrefix(f64x2.sub(x01, v128.load(at(x, i - period))));
      const d23 = f64x2.add(
        pairPrefix(f64x2.sub(x23, v128.load(at(x, i + 2 - period)))),
        broadcastHigh(d01),
      );
      const s01 = f64x2.add(s, d01);
      const s23 = f64x2.add(s, d23);
      v128.store(at(out, i), f64x2.div(s01, pv));
      v128.store(at(out, i + 2), f64x2.div(s23, pv));
      s = broadcastHigh(s23);
    }
    total = f64x2.extract_lane(s, 0);
    for (; i < end; i++) {
      const v = ld(x, i);
      if (checked) check += v - v;
      total += v - ld(x, i - period);
      st(out, i, total / p);
    }
  }
  return <i32>(check + f64x2.extract_lane(checks, 0) + f64x2.extract_lane(checks, 1) == 0);
}
