import { at, ld, st, TA_EPSILON } from '../../assembly/lib/common';

/** BOP, element-wise: (close - open) / (high - low), 0 where high - low < 1e-14; two bars per vector. */
export function bop(open: usize, high: usize, low: usize, close: usize, out: usize, n: i32): void {
  const eps = f64x2.splat(TA_EPSILON);
  const zero = f64x2.splat(0);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const range = f64x2.sub(v128.load(at(high, i)), v128.load(at(low, i)));
    const r = f64x2.div(f64x2.sub(v128.load(at(close, i)), v128.load(at(open, i))), range);
    v128.store(at(out, i), v128.bitselect(zero, r, f64x2.lt(range, eps)));
  }
  for (; i < n; i++) {
    const range = ld(high, i) - ld(low, i);
    st(out, i, range < TA_EPSILON ? 0.0 : (ld(close, i) - ld(open, i)) / range);
  }
}
