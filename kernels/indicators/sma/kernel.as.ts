import { at, broadcastHigh, fillNaN, ld, pairPrefix, resumInterval, st, sumRange } from '../../assembly/lib/common';

/**
 * SMA. Within a block between re-sums, total[i] = total[i-1] + (x[i] - x[i-period]): the differences
 * are formed two at a time, prefix-summed in the vector, and the running total advances four bars per
 * loop-carried add.
 */
export function sma(x: usize, out: usize, n: i32, period: i32): void {
  const lookback = period - 1;
  fillNaN(out, lookback, n);
  if (n <= lookback) return;
  const every = resumInterval(period);
  const p = <f64>period;
  const pv = f64x2.splat(p);
  for (let block = lookback; block < n; block += every) {
    const end = min(block + every, n);
    let total = sumRange(x, block - lookback, block + 1);
    st(out, block, total / p);
    let i = block + 1;
    let s = f64x2.splat(total);
    for (; i + 3 < end; i += 4) {
      const d01 = pairPrefix(f64x2.sub(v128.load(at(x, i)), v128.load(at(x, i - period))));
      const d23 = f64x2.add(
        pairPrefix(f64x2.sub(v128.load(at(x, i + 2)), v128.load(at(x, i + 2 - period)))),
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
      total += ld(x, i) - ld(x, i - period);
      st(out, i, total / p);
    }
  }
}
