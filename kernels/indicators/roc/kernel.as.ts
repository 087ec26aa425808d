import { at, fillNaN, ld, st } from '../../assembly/lib/common';

// @ts-ignore: decorator
@inline function roc2(x: v128, old: v128): v128 {
  const zero = f64x2.splat(0);
  const r = f64x2.mul(f64x2.sub(f64x2.div(x, old), f64x2.splat(1.0)), f64x2.splat(100.0));
  return v128.bitselect(zero, r, f64x2.eq(old, zero));
}

/** ROC, element-wise: ((x / x[-period]) - 1) * 100, 0 where x[-period] is 0; four bars per step. */
export function roc(x: usize, out: usize, n: i32, period: i32): void {
  fillNaN(out, period, n);
  let i = period;
  for (; i + 3 < n; i += 4) {
    v128.store(at(out, i), roc2(v128.load(at(x, i)), v128.load(at(x, i - period))));
    v128.store(at(out, i + 2), roc2(v128.load(at(x, i + 2)), v128.load(at(x, i + 2 - period))));
  }
  for (; i < n; i++) {
    const old = ld(x, i - period);
    st(out, i, old != 0 ? (ld(x, i) / old - 1.0) * 100.0 : 0.0);
  }
}
