import { at, emaK, fillNaN, ld, st } from '../../assembly/lib/common';
import { coefA12, coefA34, emaTerms01, emaTerms23 } from '../../assembly/lib/ma';
import { load2, store2 } from '../../assembly/lib/panel';
import { chainSeed, chainSeed2, emaStep2, seedE1, seedE2, seedE3, seedV1, seedV2, seedV3 } from '../../assembly/lib/ma';

/** TA-Lib's ROC per lane: ((x / old) - 1) * 100, 0 where old is 0. */
// @ts-ignore: decorator
@inline function roc2(x: v128, old: v128): v128 {
  const zero = f64x2.splat(0);
  const r = f64x2.mul(f64x2.sub(f64x2.div(x, old), f64x2.splat(1.0)), f64x2.splat(100.0));
  return v128.bitselect(zero, r, f64x2.eq(old, zero));
}

// @ts-ignore: decorator
@inline function roc(x: f64, old: f64): f64 {
  return old != 0 ? (x / old - 1.0) * 100.0 : 0.0;
}

/**
 * TRIX. After the seeding (chainSeed), the three EMAs advance four bars per step (ema4's
 * operations), each stage's values passed to the next in registers; then the one-bar ROC of e3.
 */
export function trix(x: usize, out: usize, n: i32, period: i32): void {
  const lookback = 3 * (period - 1) + 1;
  if (n <= lookback) {
    fillNaN(out, lookback, n);
    return;
  }
  // The seeding works in the lookback bars, NaN once it is done.
  chainSeed(x, out, period, 3);
  fillNaN(out, lookback, n);
  let e1 = seedE1, e2 = seedE2, e3 = seedE3;
  const kk = emaK(period);
  const a = 1.0 - kk;
  const k = f64x2.splat(kk), av = f64x2.splat(a), a12 = coefA12(a), a34 = coefA34(a);
  let i = lookback;
  // ema4's operations with each stage's four values kept in registers for the next stage.
  for (; i + 3 < n; i += 4) {
    const x01 = v128.load(at(x, i)), x23 = v128.load(at(x, i + 2));
    let u01 = emaTerms01(k, av, x01);
    let u23 = emaTerms23(k, av, a12, u01, x23);
    const f01 = f64x2.add(f64x2.mul(a12, f64x2.splat(e1)), u01), f23 = f64x2.add(f64x2.mul(a34, f64x2.splat(e1)), u23);
    e1 = f64x2.extract_lane(f23, 1);
    u01 = emaTerms01(k, av, f01);
    u23 = emaTerms23(k, av, a12, u01, f23);
    const f201 = f64x2.add(f64x2.mul(a12, f64x2.splat(e2)), u01), f223 = f64x2.add(f64x2.mul(a34, f64x2.splat(e2)), u23);
    e2 = f64x2.extract_lane(f223, 1);
    u01 = emaTerms01(k, av, f201);
    u23 = emaTerms23(k, av, a12, u01, f223);
    const prev = e3;
    const g01 = f64x2.add(f64x2.mul(a12, f64x2.splat(e3)), u01), g23 = f64x2.add(f64x2.mul(a34, f64x2.splat(e3)), u23);
    e3 = f64x2.extract_lane(g23, 1);
    v128.store(at(out, i), roc2(g01, v128.shuffle<f64>(f64x2.splat(prev), g01, 0, 2)));
    v128.store(at(out, i + 2), roc2(g23, v128.shuffle<f64>(g01, g23, 1, 2)));
  }
  for (; i < n; i++) {
    e1 = (ld(x, i) - e1) * kk + e1;
    e2 = (e1 - e2) * kk + e2;
    const prev = e3;
    e3 = (e2 - e3) * kk + e3;
    st(out, i, roc(e3, prev));
  }
}

/** TRIX over `count` series (series s at x + s*n): two series per vector, the reference's operations per lane. */
export function trix_panel(x: usize, out: usize, n: i32, count: i32, period: i32): void {
  const lookback = 3 * (period - 1) + 1;
  const stride = <usize>n << 3;
  for (let s = 0; s < count; s++) fillNaN(out + <usize>s * stride, lookback, n);
  if (n <= lookback) return;
  const k = f64x2.splat(emaK(period));
  let s = 0;
  // Two pairs interleaved, so their dependency chains overlap.
  for (; s + 3 < count; s += 4) {
    const x0 = x + <usize>s * stride, x1 = x0 + stride, x2 = x1 + stride, x3 = x2 + stride;
    const o0 = out + <usize>s * stride, o1 = o0 + stride, o2 = o1 + stride, o3 = o2 + stride;
    chainSeed2(x0, x1, period, 3);
    let a1 = seedV1, a2 = seedV2, a3 = seedV3;
    chainSeed2(x2, x3, period, 3);
    let b1 = seedV1, b2 = seedV2, b3 = seedV3;
    for (let t = lookback; t < n; t++) {
      a1 = emaStep2(load2(x0, x1, t), a1, k);
      b1 = emaStep2(load2(x2, x3, t), b1, k);
      a2 = emaStep2(a1, a2, k);
      b2 = emaStep2(b1, b2, k);
      const pa = a3, pb = b3;
      a3 = emaStep2(a2, a3, k);
      b3 = emaStep2(b2, b3, k);
      store2(o0, o1, t, roc2(a3, pa));
      store2(o2, o3, t, roc2(b3, pb));
    }
  }
  for (; s < count; s += 2) {
    const x0 = x + <usize>s * stride, o0 = out + <usize>s * stride;
    // An odd last series runs in both lanes.
    const x1 = s + 1 < count ? x0 + stride : x0, o1 = s + 1 < count ? o0 + stride : o0;
    chainSeed2(x0, x1, period, 3);
    let e1 = seedV1, e2 = seedV2, e3 = seedV3;
    for (let t = lookback; t < n; t++) {
      e1 = emaStep2(load2(x0, x1, t), e1, k);
      e2 = emaStep2(e1, e2, k);
      const prev = e3;
      e3 = emaStep2(e2, e3, k);
      store2(o0, o1, t, roc2(e3, prev));
    }
  }
}
