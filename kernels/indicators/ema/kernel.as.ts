import { at, emaK, fillNaN, st, sumRange } from '../../assembly/lib/common';
import { emaRun } from '../../assembly/lib/ma';
import { load2, store2, sumRange2 } from '../../assembly/lib/panel';

export function ema(x: usize, out: usize, n: i32, period: i32): void {
  const lookback = period - 1;
  fillNaN(out, lookback, n);
  if (n <= lookback) return;
  const e = sumRange(x, 0, period) / <f64>period;
  st(out, lookback, e);
  emaRun(x, out, period, n, emaK(period), e);
}

/**
 * EMA over `count` series of length n (series s at x + s*n). Lanes hold two series; four pairs run
 * interleaved so their dependency chains overlap. Same operations as the reference, per lane.
 */
export function ema_panel(x: usize, out: usize, n: i32, count: i32, period: i32): void {
  const lookback = period - 1;
  const stride = <usize>n << 3;
  for (let s = 0; s < count; s++) fillNaN(out + <usize>s * stride, lookback, n);
  if (n <= lookback) return;
  const k = f64x2.splat(emaK(period));
  const pv = f64x2.splat(<f64>period);
  let s = 0;
  for (; s + 7 < count; s += 8) {
    const x0 = x + <usize>s * stride, x1 = x0 + stride, x2 = x1 + stride, x3 = x2 + stride;
    const x4 = x3 + stride, x5 = x4 + stride, x6 = x5 + stride, x7 = x6 + stride;
    const o0 = out + <usize>s * stride, o1 = o0 + stride, o2 = o1 + stride, o3 = o2 + stride;
    const o4 = o3 + stride, o5 = o4 + stride, o6 = o5 + stride, o7 = o6 + stride;
    let e0 = f64x2.div(sumRange2(x0, x1, 0, period), pv);
    let e1 = f64x2.div(sumRange2(x2, x3, 0, period), pv);
    let e2 = f64x2.div(sumRange2(x4, x5, 0, period), pv);
    let e3 = f64x2.div(sumRange2(x6, x7, 0, period), pv);
    store2(o0, o1, lookback, e0);
    store2(o2, o3, lookback, e1);
    store2(o4, o5, lookback, e2);
    store2(o6, o7, lookback, e3);
    let t = period;
    // Two bars per step: each series' two bars come in one load, are transposed into the lanes,
    // and go back out the same way, halving the memory operations of lane-by-lane access.
    for (; t + 1 < n; t += 2) {
      e0 = emaTwoBars(x0, x1, o0, o1, t, e0, k);
      e1 = emaTwoBars(x2, x3, o2, o3, t, e1, k);
      e2 = emaTwoBars(x4, x5, o4, o5, t, e2, k);
      e3 = emaTwoBars(x6, x7, o6, o7, t, e3, k);
    }
    for (; t < n; t++) {
      e0 = f64x2.add(f64x2.mul(f64x2.sub(load2(x0, x1, t), e0), k), e0);
      e1 = f64x2.add(f64x2.mul(f64x2.sub(load2(x2, x3, t), e1), k), e1);
      e2 = f64x2.add(f64x2.mul(f64x2.sub(load2(x4, x5, t), e2), k), e2);
      e3 = f64x2.add(f64x2.mul(f64x2.sub(load2(x6, x7, t), e3), k), e3);
      store2(o0, o1, t, e0);
      store2(o2, o3, t, e1);
      store2(o4, o5, t, e2);
      store2(o6, o7, t, e3);
    }
  }
  for (; s + 1 < count; s += 2) {
    const x0 = x + <usize>s * stride, x1 = x0 + stride;
    const o0 = out + <usize>s * stride, o1 = o0 + stride;
    let e0 = f64x2.div(sumRange2(x0, x1, 0, period), pv);
    store2(o0, o1, lookback, e0);
    for (let t = period; t < n; t++) {
      e0 = f64x2.add(f64x2.mul(f64x2.sub(load2(x0, x1, t), e0), k), e0);
      store2(o0, o1, t, e0);
    }
  }
  if (s < count) emaSerial(x + <usize>s * stride, out + <usize>s * stride, n, period);
}

/**
 * Bars t and t+1 of series p0 (lane 0) and p1 (lane 1): the reference's operations per lane, in
 * order; returns the EMA after bar t+1.
 */
// @ts-ignore: decorator
@inline function emaTwoBars(p0: usize, p1: usize, o0: usize, o1: usize, t: i32, e: v128, k: v128): v128 {
  const off = <usize>t << 3;
  const a = v128.load(p0 + off);
  const b = v128.load(p1 + off);
  const first = f64x2.add(f64x2.mul(f64x2.sub(v128.shuffle<f64>(a, b, 0, 2), e), k), e);
  const second = f64x2.add(f64x2.mul(f64x2.sub(v128.shuffle<f64>(a, b, 1, 3), first), k), first);
  v128.store(o0 + off, v128.shuffle<f64>(first, second, 0, 2));
  v128.store(o1 + off, v128.shuffle<f64>(first, second, 1, 3));
  return second;
}

/** One series with the reference's exact operations (the odd series of a panel). */
function emaSerial(x: usize, out: usize, n: i32, period: i32): void {
  const k = emaK(period);
  let e = sumRange(x, 0, period) / <f64>period;
  st(out, period - 1, e);
  for (let i = period; i < n; i++) {
    e = (load<f64>(at(x, i)) - e) * k + e;
    st(out, i, e);
  }
}
