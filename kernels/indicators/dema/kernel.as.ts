import { at, emaK, fillNaN, ld, st } from '../../assembly/lib/common';
import { coefA12, coefA34, emaTerms01, emaTerms23 } from '../../assembly/lib/ma';
import { load2, store2 } from '../../assembly/lib/panel';
import { chainSeed, chainSeed2, emaStep2, seedE1, seedE2, seedV1, seedV2 } from '../../assembly/lib/ma';

/**
 * DEMA = 2 * e1 - e2. After the seeding (chainSeed), both EMAs advance four bars per
 * step (ema4's operations), e1's values passed to e2 in registers.
 */
export function dema(x: usize, out: usize, n: i32, period: i32): void {
  const lookback = 2 * (period - 1);
  if (n <= lookback) {
    fillNaN(out, lookback, n);
    return;
  }
  // The seeding works in the lookback bars, NaN once it is done.
  chainSeed(x, out, period, 2);
  fillNaN(out, lookback, n);
  let e1 = seedE1, e2 = seedE2;
  st(out, lookback, 2.0 * e1 - e2);
  const kk = emaK(period);
  const a = 1.0 - kk;
  const k = f64x2.splat(kk), av = f64x2.splat(a), a12 = coefA12(a), a34 = coefA34(a);
  const two = f64x2.splat(2.0);
  let i = lookback + 1;
  // ema4's operations with e1's four values kept in registers for e2.
  for (; i + 3 < n; i += 4) {
    const x01 = v128.load(at(x, i)), x23 = v128.load(at(x, i + 2));
    let u01 = emaTerms01(k, av, x01);
    let u23 = emaTerms23(k, av, a12, u01, x23);
    const f01 = f64x2.add(f64x2.mul(a12, f64x2.splat(e1)), u01), f23 = f64x2.add(f64x2.mul(a34, f64x2.splat(e1)), u23);
    e1 = f64x2.extract_lane(f23, 1);
    u01 = emaTerms01(k, av, f01);
    u23 = emaTerms23(k, av, a12, u01, f23);
    const g01 = f64x2.add(f64x2.mul(a12, f64x2.splat(e2)), u01), g23 = f64x2.add(f64x2.mul(a34, f64x2.splat(e2)), u23);
    e2 = f64x2.extract_lane(g23, 1);
    v128.store(at(out, i), f64x2.sub(f64x2.mul(two, f01), g01));
    v128.store(at(out, i + 2), f64x2.sub(f64x2.mul(two, f23), g23));
  }
  for (; i < n; i++) {
    e1 = (ld(x, i) - e1) * kk + e1;
    e2 = (e1 - e2) * kk + e2;
    st(out, i, 2.0 * e1 - e2);
  }
}

/** DEMA over `count` series (series s at x + s*n): two series per vector, the reference's operations per lane. */
export function dema_panel(x: usize, out: usize, n: i32, count: i32, period: i32): void {
  const lookback = 2 * (period - 1);
  const stride = <usize>n << 3;
  for (let s = 0; s < count; s++) fillNaN(out + <usize>s * stride, lookback, n);
  if (n <= lookback) return;
  const k = f64x2.splat(emaK(period));
  const two = f64x2.splat(2.0);
  let s = 0;
  // Two pairs interleaved, so their dependency chains overlap.
  for (; s + 3 < count; s += 4) {
    const x0 = x + <usize>s * stride, x1 = x0 + stride, x2 = x1 + stride, x3 = x2 + stride;
    const o0 = out + <usize>s * stride, o1 = o0 + stride, o2 = o1 + stride, o3 = o2 + stride;
    chainSeed2(x0, x1, period, 2);
    let a1 = seedV1, a2 = seedV2;
    chainSeed2(x2, x3, period, 2);
    let b1 = seedV1, b2 = seedV2;
    store2(o0, o1, lookback, f64x2.sub(f64x2.mul(two, a1), a2));
    store2(o2, o3, lookback, f64x2.sub(f64x2.mul(two, b1), b2));
    for (let t = lookback + 1; t < n; t++) {
      a1 = emaStep2(load2(x0, x1, t), a1, k);
      b1 = emaStep2(load2(x2, x3, t), b1, k);
      a2 = emaStep2(a1, a2, k);
      b2 = emaStep2(b1, b2, k);
      store2(o0, o1, t, f64x2.sub(f64x2.mul(two, a1), a2));
      store2(o2, o3, t, f64x2.sub(f64x2.mul(two, b1), b2));
    }
  }
  for (; s < count; s += 2) {
    const x0 = x + <usize>s * stride, o0 = out + <usize>s * stride;
    // An odd last series runs in both lanes.
    const x1 = s + 1 < count ? x0 + stride : x0, o1 = s + 1 < count ? o0 + stride : o0;
    chainSeed2(x0, x1, period, 2);
    let e1 = seedV1, e2 = seedV2;
    store2(o0, o1, lookback, f64x2.sub(f64x2.mul(two, e1), e2));
    for (let t = lookback + 1; t < n; t++) {
      e1 = emaStep2(load2(x0, x1, t), e1, k);
      e2 = emaStep2(e1, e2, k);
      store2(o0, o1, t, f64x2.sub(f64x2.mul(two, e1), e2));
    }
  }
}
