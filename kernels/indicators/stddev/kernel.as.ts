import { at, broadcastHigh, fillNaN, ld, pairPrefix, resumInterval, st, sumRange, sumSquaresRange, TA_EPSILON } from '../../assembly/lib/common';

// @ts-ignore: decorator
@inline function sd2(total: v128, total2: v128, pv: v128, dev: v128): v128 {
  const mean = f64x2.div(total, pv);
  const variance = f64x2.sub(f64x2.div(total2, pv), f64x2.mul(mean, mean));
  const sd = f64x2.mul(f64x2.sqrt(variance), dev);
  return v128.bitselect(f64x2.splat(0), sd, f64x2.lt(variance, f64x2.splat(TA_EPSILON)));
}

// @ts-ignore: decorator
@inline function sd1(total: f64, total2: f64, p: f64, nbDev: f64): f64 {
  const mean = total / p;
  const variance = total2 / p - mean * mean;
  return variance < TA_EPSILON ? 0 : Math.sqrt(variance) * nbDev;
}

/**
 * STDDEV (population, TA-Lib's variance floor). The running sum and sum of squares advance like the
 * SMA kernel's, four bars per loop-carried add; the deviations are formed two at a time.
 */
export function stddev(x: usize, out: usize, n: i32, period: i32, nbDev: f64): void {
  const lookback = period - 1;
  fillNaN(out, lookback, n);
  if (n <= lookback) return;
  const every = resumInterval(period);
  const p = <f64>period;
  const pv = f64x2.splat(p);
  const dev = f64x2.splat(nbDev);
  for (let block = lookback; block < n; block += every) {
    const end = min(block + every, n);
    let total = sumRange(x, block - lookback, block + 1);
    let total2 = sumSquaresRange(x, block - lookback, block + 1);
    st(out, block, sd1(total, total2, p, nbDev));
    let i = block + 1;
    let s = f64x2.splat(total);
    let s2 = f64x2.splat(total2);
    for (; i + 3 < end; i += 4) {
      const a01 = v128.load(at(x, i)), a23 = v128.load(at(x, i + 2));
      const b01 = v128.load(at(x, i - period)), b23 = v128.load(at(x, i + 2 - period));
      const d01 = pairPrefix(f64x2.sub(a01, b01));
      const d23 = f64x2.add(pairPrefix(f64x2.sub(a23, b23)), broadcastHigh(d01));
      const q01 = pairPrefix(f64x2.sub(f64x2.mul(a01, a01), f64x2.mul(b01, b01)));
      const q23 = f64x2.add(pairPrefix(f64x2.sub(f64x2.mul(a23, a23), f64x2.mul(b23, b23))), broadcastHigh(q01));
      const s23 = f64x2.add(s, d23);
      const t23 = f64x2.add(s2, q23);
      v128.store(at(out, i), sd2(f64x2.add(s, d01), f64x2.add(s2, q01), pv, dev));
      v128.store(at(out, i + 2), sd2(s23, t23, pv, dev));
      s = broadcastHigh(s23);
      s2 = broadcastHigh(t23);
    }
    total = f64x2.extract_lane(s, 0);
    total2 = f64x2.extract_lane(s2, 0);
    for (; i < end; i++) {
      const a = ld(x, i), b = ld(x, i - period);
      total += a - b;
      total2 += a * a - b * b;
      st(out, i, sd1(total, total2, p, nbDev));
    }
  }
}
