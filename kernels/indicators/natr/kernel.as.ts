import { at, ld, st, TA_EPSILON } from '../../assembly/lib/common';
import { atrSeries as atr, atrPanel as atr_panel, atrSeriesChecked } from '../../assembly/lib/truerange';

/** out[from..n) = (atr / close) * 100, or 0 where |close| < TA_EPSILON; two bars per vector. */
function normalize(close: usize, out: usize, from: i32, n: i32): void {
  const hundred = f64x2.splat(100);
  const eps = f64x2.splat(TA_EPSILON);
  const neps = f64x2.splat(-TA_EPSILON);
  const zero = f64x2.splat(0);
  let i = from;
  for (; i + 1 < n; i += 2) {
    const c = v128.load(at(close, i));
    const v = f64x2.mul(f64x2.div(v128.load(at(out, i)), c), hundred);
    const isZero = v128.and(f64x2.gt(c, neps), f64x2.lt(c, eps));
    v128.store(at(out, i), v128.bitselect(zero, v, isZero));
  }
  for (; i < n; i++) {
    const c = ld(close, i);
    st(out, i, c > -TA_EPSILON && c < TA_EPSILON ? 0 : (ld(out, i) / c) * 100);
  }
}

/** NATR: the ATR kernel, then the element-wise normalisation by the close. */
export function natr(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): void {
  atr(high, low, close, out, n, period);
  normalize(close, out, period, n);
}

/** natr checking its inputs on the way (see atrSeriesChecked): 1 when all are finite. */
export function natr_checked(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): i32 {
  const ok = atrSeriesChecked(high, low, close, out, n, period);
  normalize(close, out, period, n);
  return ok;
}

export function natr_panel(high: usize, low: usize, close: usize, out: usize, n: i32, count: i32, period: i32): void {
  atr_panel(high, low, close, out, n, count, period);
  const stride = <usize>n << 3;
  for (let s = 0; s < count; s++) normalize(close + <usize>s * stride, out + <usize>s * stride, period, n);
}
