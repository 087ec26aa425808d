import { at, fillNaN, ld, st } from '../../assembly/lib/common';

/** MOM, element-wise: x - x[-period], four bars per step. */
export function mom(x: usize, out: usize, n: i32, period: i32): void {
  fillNaN(out, period, n);
  let i = period;
  for (; i + 3 < n; i += 4) {
    v128.store(at(out, i), f64x2.sub(v128.load(at(x, i)), v128.load(at(x, i - period))));
    v128.store(at(out, i + 2), f64x2.sub(v128.load(at(x, i + 2)), v128.load(at(x, i + 2 - period))));
  }
  for (; i < n; i++) st(out, i, ld(x, i) - ld(x, i - period));
}
