// Advancing an EMA four bars per step: with a = 1 - k, e[t+j] = a^j * e[t] + u[j], where u only
// depends on the inputs. The loop-carried chain is then one multiply-add per four bars instead of
// four dependent subtract-multiply-adds. Coefficients are passed as vectors (no allocation).
import { at } from './common';

// @ts-ignore: decorator
@inline export function coefA12(a: f64): v128 {
  return f64x2.replace_lane(f64x2.splat(a), 1, a * a);
}

// @ts-ignore: decorator
@inline export function coefA34(a: f64): v128 {
  const a3 = a * a * a;
  return f64x2.replace_lane(f64x2.splat(a3), 1, a3 * a);
}

/** Writes e[i..i+3] to out from x[i..i+3], given e = e[i-1]; returns e[i+3]. */
// @ts-ignore: decorator
@inline export function ema4(k: v128, a: v128, a12: v128, a34: v128, x: usize, out: usize, i: i32, e: f64): f64 {
  const zero = f64x2.splat(0);
  const kx01 = f64x2.mul(k, v128.load(at(x, i)));
  const kx23 = f64x2.mul(k, v128.load(at(x, i + 2)));
  const u01 = f64x2.add(kx01, f64x2.mul(a, v128.shuffle<f64>(zero, kx01, 0, 2)));
  let u23 = f64x2.add(kx23, f64x2.mul(a, v128.shuffle<f64>(zero, kx23, 0, 2)));
  u23 = f64x2.add(u23, f64x2.mul(a12, v128.shuffle<f64>(u01, u01, 1, 1)));
  const ev = f64x2.splat(e);
  const e01 = f64x2.add(f64x2.mul(a12, ev), u01);
  const e23 = f64x2.add(f64x2.mul(a34, ev), u23);
  v128.store(at(out, i), e01);
  v128.store(at(out, i + 2), e23);
  return f64x2.extract_lane(e23, 1);
}

/** Continues an EMA over x[from..n) into out, starting from e = e[from-1]; returns the last value. */
export function emaRun(x: usize, out: usize, from: i32, n: i32, kk: f64, e: f64): f64 {
  const a = 1.0 - kk;
  const k = f64x2.splat(kk);
  const av = f64x2.splat(a);
  const a12 = coefA12(a);
  const a34 = coefA34(a);
  let i = from;
  for (; i + 3 < n; i += 4) e = ema4(k, av, a12, a34, x, out, i, e);
  for (; i < n; i++) {
    e = (load<f64>(at(x, i)) - e) * kk + e;
    store<f64>(at(out, i), e);
  }
  return e;
}
