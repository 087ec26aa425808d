import { at, emaK, fillNaN, ld, st } from '../../assembly/lib/common';
import { coefA12, coefA34, emaTerms01, emaTerms23 } from '../../assembly/lib/ma';
import { load2, store2 } from '../../assembly/lib/panel';
import { chainSeed, chainSeed2, emaStep2, seedE1, seedE2, seedE3, seedV1, seedV2, seedV3 } from '../../assembly/lib/ma';

// @ts-ignore: decorator
@inline function combine(e1: v128, e2: v128, e3: v128, three: v128): v128 {
  return f64x2.add(e3, f64x2.sub(f64x2.mul(three, e1), f64x2.mul(three, e2)));
}

/**
 * TEMA = e3 + (3 e1 - 3 e2). After the seeding (chainSeed), the three EMAs advance four
 * bars per step (ema4's operations), each stage's values passed to the next in registers.
 */
export function tema(x: usize, out: usize, n: i32, period: i32): void {
  const lookback = 3 * (period - 1);
  if (n <= lookback) {
    fillNaN(out, lookback, n);
    return;
  }
  // The seeding works in the lookback bars, NaN once it is done.
  chainSeed(x, out, period, 3);
  fillNaN(out, lookback, n);
  let e1 = seedE1, e2 = seedE2, e3 = seedE3;
  st(out, lookback, e3 + (3.0 * e1 - 3.0 * e2));
  const kk = emaK(period);
  const a = 1.0 - kk;
  const k = f64x2.splat(kk), av = f64x2.splat(a), a12 = coefA12(a), a34 = coefA34(a);
  const three = f64x2.splat(3.0);
  let i = lookback + 1;
  // ema4's operations with each stage's four values kept in registers for the next stage.
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
    u01 = emaTerms01(k, av, g01);
    u23 = emaTerms23(k, av, a12, u01, g23);
    const h01 = f64x2.add(f64x2.mul(a12, f64x2.splat(e3)), u01), h23 = f64x2.add(f64x2.mul(a34, f64x2.splat(e3)), u23);
    e3 = f64x2.extract_lane(h23, 1);
    v128.store(at(out, i), combine(f01, g01, h01, three));
    v128.store(at(out, i + 2), combine(f23, g23, h23, three));
  }
  for (; i < n; i++) {
    e1 = (ld(x, i) - e1) * kk + e1;
    e2 = (e1 - e2) * kk + e2;
    e3 = (e2 - e3) * kk + e3;
    st(out, i, e3 + (3.0 * e1 - 3.0 * e2));
  }
}

/** TEMA over `count` series (series s at x + s*n): two series per vector, the reference's operations per lane. */
export function tema_panel(x: usize, out: usize, n: i32, count: i32, period: i32): void {
  const lookback = 3 * (period - 1);
  const stride = <usize>n << 3;
  for (let s = 0; s < count; s++) fillNaN(out + <usize>s * stride, lookback, n);
  if (n <= lookback) return;
  const k = f64x2.splat(emaK(period));
  const three = f64x2.splat(3.0);
  let s = 0;
  // Two pairs interleaved, so their dependency chains overlap.
  for (; s + 3 < count; s += 4) {
    const x0 = x + <usize>s * stride, x1 = x0 + stride, x2 = x1 + stride, x3 = x2 + stride;
    const o0 = out + <usize>s * stride, o1 = o0 + stride, o2 = o1 + stride, o3 = o2 + stride;
    chainSeed2(x0, x1, period, 3);
    let a1 = seedV1, a2 = seedV2, a3 = seedV3;
    chainSeed2(x2, x3, period, 3);
    let b1 = seedV1, b2 = seedV2, b3 = seedV3;
    store2(o0, o1, lookback, combine(a1, a2, a3, three));
    store2(o2, o3, lookback, combine(b1, b2, b3, three));
    for (let t = lookback + 1; t < n; t++) {
      a1 = emaStep2(load2(x0, x1, t), a1, k);
      b1 = emaStep2(load2(x2, x3, t), b1, k);
      a2 = emaStep2(a1, a2, k);
      b2 = emaStep2(b1, b2, k);
      a3 = emaStep2(a2, a3, k);
      b3 = emaStep2(b2, b3, k);
      store2(o0, o1, t, combine(a1, a2, a3, three));
      store2(o2, o3, t, combine(b1, b2, b3, three));
    }
  }
  for (; s < count; s += 2) {
    const x0 = x + <usize>s * stride, o0 = out + <usize>s * stride;
    // An odd last series runs in both lanes.
    const x1 = s + 1 < count ? x0 + stride : x0, o1 = s + 1 < count ? o0 + stride : o0;
    chainSeed2(x0, x1, period, 3);
    let e1 = seedV1, e2 = seedV2, e3 = seedV3;
    store2(o0, o1, lookback, combine(e1, e2, e3, three));
    for (let t = lookback + 1; t < n; t++) {
      e1 = emaStep2(load2(x0, x1, t), e1, k);
      e2 = emaStep2(e1, e2, k);
      e3 = emaStep2(e2, e3, k);
      store2(o0, o1, t, combine(e1, e2, e3, three));
    }
  }
}
