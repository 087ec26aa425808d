// TA-Lib's rates of change against the value `period` bars back (ROC, ROCP, ROCR, ROCR100), two bars
// per SIMD instruction with the reference's operations, so bit-exact; 0 where the old value is 0.
import { at, fillNaN, ld, st } from './common';

export const ROC: i32 = 0;
export const ROCP: i32 = 1;
export const ROCR: i32 = 2;
export const ROCR100: i32 = 3;

// @ts-ignore: decorator
@inline function change2(x: v128, old: v128, form: i32): v128 {
  let r: v128;
  if (form == ROC) r = f64x2.mul(f64x2.sub(f64x2.div(x, old), f64x2.splat(1.0)), f64x2.splat(100.0));
  else if (form == ROCP) r = f64x2.div(f64x2.sub(x, old), old);
  else if (form == ROCR) r = f64x2.div(x, old);
  else r = f64x2.mul(f64x2.div(x, old), f64x2.splat(100.0));
  const zero = f64x2.splat(0);
  return v128.bitselect(zero, r, f64x2.eq(old, zero));
}

// @ts-ignore: decorator
@inline function change1(x: f64, old: f64, form: i32): f64 {
  if (old == 0) return 0.0;
  if (form == ROC) return (x / old - 1.0) * 100.0;
  if (form == ROCP) return (x - old) / old;
  if (form == ROCR) return x / old;
  return (x / old) * 100.0;
}

/** out[i] = change(x[i], x[i - period]) for i >= period (NaN before); four bars per step. */
// @ts-ignore: decorator
@inline export function changeSeries(x: usize, out: usize, n: i32, period: i32, form: i32): void {
  fillNaN(out, period, n);
  let i = period;
  for (; i + 3 < n; i += 4) {
    v128.store(at(out, i), change2(v128.load(at(x, i)), v128.load(at(x, i - period)), form));
    v128.store(at(out, i + 2), change2(v128.load(at(x, i + 2)), v128.load(at(x, i + 2 - period)), form));
  }
  for (; i < n; i++) st(out, i, change1(ld(x, i), ld(x, i - period), form));
}
