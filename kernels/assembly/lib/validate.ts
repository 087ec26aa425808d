import { at } from './common';

/**
 * Index of the first NaN or infinity in x[0..n), or -1. x - x is 0 for finite x and NaN otherwise;
 * eight values are tested per step, the exact index found by a scalar rescan of that step.
 */
export function firstNonFinite(x: usize, n: i32): i32 {
  const zero = f64x2.splat(0);
  let i = 0;
  for (; i + 7 < n; i += 8) {
    const a = v128.load(at(x, i)), b = v128.load(at(x, i + 2));
    const c = v128.load(at(x, i + 4)), d = v128.load(at(x, i + 6));
    const bad = v128.or(
      v128.or(f64x2.ne(f64x2.sub(a, a), zero), f64x2.ne(f64x2.sub(b, b), zero)),
      v128.or(f64x2.ne(f64x2.sub(c, c), zero), f64x2.ne(f64x2.sub(d, d), zero)),
    );
    if (v128.any_true(bad)) break;
  }
  for (; i < n; i++) {
    const v = load<f64>(at(x, i));
    if (v - v != 0) return i;
  }
  return -1;
}

/** Whether every value of x[0..n) is finite. */
export function allFinite(x: usize, n: i32): bool {
  return firstNonFinite(x, n) < 0;
}
