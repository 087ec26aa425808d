// The moving-average family: EMAs advanced four bars per step, chained EMAs seeded as TA-Lib seeds
// them, and TA-Lib's SMA in re-summed blocks.
import { at, emaK, ld, st } from './common';
import { load2 } from './panel';

// Advancing an EMA four bars per step: with a = 1 - k, e[t+j] = a^j * e[t] + u[j], where u only
// depends on the inputs. The loop-carried chain is then one multiply-add per four bars instead of
// four dependent subtract-multiply-adds. Coefficients are passed as vectors (no allocation).
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

/**
 * The input terms of four EMA steps from inputs in registers: u01 = [k x0, k x1 + a k x0] and
 * u23 likewise, plus a^2 u01[1] (see ema4). Then e[i..i+1] = a12 * e + u01, e[i+2..i+3] = a34 * e + u23.
 */
// @ts-ignore: decorator
@inline export function emaTerms01(k: v128, a: v128, x01: v128): v128 {
  const kx01 = f64x2.mul(k, x01);
  return f64x2.add(kx01, f64x2.mul(a, v128.shuffle<f64>(f64x2.splat(0), kx01, 0, 2)));
}

// @ts-ignore: decorator
@inline export function emaTerms23(k: v128, a: v128, a12: v128, u01: v128, x23: v128): v128 {
  const kx23 = f64x2.mul(k, x23);
  const u23 = f64x2.add(kx23, f64x2.mul(a, v128.shuffle<f64>(f64x2.splat(0), kx23, 0, 2)));
  return f64x2.add(u23, f64x2.mul(a12, v128.shuffle<f64>(u01, u01, 1, 1)));
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

// Chained EMAs (DEMA, TEMA, TRIX) seeded as TA-Lib's INT_EMA calls do: each stage with the mean of
// its first `period` inputs, summed left to right from 0. The seeding runs with the reference's
// operations; the results are left in globals (the kernels never allocate).
export let seedE1: f64 = 0;
export let seedE2: f64 = 0;
export let seedE3: f64 = 0;
export let seedV1: v128 = f64x2.splat(0);
export let seedV2: v128 = f64x2.splat(0);
export let seedV3: v128 = f64x2.splat(0);

/** Runs `stages` (1 to 3) chained EMAs over bars 0 ..= stages * (period - 1); the EMAs at that bar go to seedE1..3. */
export function chainSeed(x: usize, period: i32, stages: i32): void {
  const k = emaK(period);
  const p = <f64>period;
  const last = stages * (period - 1);
  let e1: f64 = 0, e2: f64 = 0, e3: f64 = 0;
  for (let t = 0; t <= last; t++) {
    const v = ld(x, t);
    if (t < period) {
      e1 += v;
      if (t < period - 1) continue;
      e1 /= p;
    } else e1 = (v - e1) * k + e1;
    if (stages < 2) continue;
    const t2 = t - (period - 1);
    if (t2 < period) {
      e2 += e1;
      if (t2 < period - 1) continue;
      e2 /= p;
    } else e2 = (e1 - e2) * k + e2;
    if (stages < 3) continue;
    const t3 = t2 - (period - 1);
    if (t3 < period) {
      e3 += e2;
      if (t3 < period - 1) continue;
      e3 /= p;
    } else e3 = (e2 - e3) * k + e3;
  }
  seedE1 = e1;
  seedE2 = e2;
  seedE3 = e3;
}

/** chainSeed for two series at once (lanes 0 and 1), same operations per lane; results in seedV1..3. */
export function chainSeed2(x0: usize, x1: usize, period: i32, stages: i32): void {
  const k = f64x2.splat(emaK(period));
  const p = f64x2.splat(<f64>period);
  const last = stages * (period - 1);
  let e1 = f64x2.splat(0), e2 = f64x2.splat(0), e3 = f64x2.splat(0);
  for (let t = 0; t <= last; t++) {
    const v = load2(x0, x1, t);
    if (t < period) {
      e1 = f64x2.add(e1, v);
      if (t < period - 1) continue;
      e1 = f64x2.div(e1, p);
    } else e1 = f64x2.add(f64x2.mul(f64x2.sub(v, e1), k), e1);
    if (stages < 2) continue;
    const t2 = t - (period - 1);
    if (t2 < period) {
      e2 = f64x2.add(e2, e1);
      if (t2 < period - 1) continue;
      e2 = f64x2.div(e2, p);
    } else e2 = f64x2.add(f64x2.mul(f64x2.sub(e1, e2), k), e2);
    if (stages < 3) continue;
    const t3 = t2 - (period - 1);
    if (t3 < period) {
      e3 = f64x2.add(e3, e2);
      if (t3 < period - 1) continue;
      e3 = f64x2.div(e3, p);
    } else e3 = f64x2.add(f64x2.mul(f64x2.sub(e2, e3), k), e3);
  }
  seedV1 = e1;
  seedV2 = e2;
  seedV3 = e3;
}

/** One exact EMA step per lane: ((v - e) * k) + e. */
// @ts-ignore: decorator
@inline export function emaStep2(v: v128, e: v128, k: v128): v128 {
  return f64x2.add(f64x2.mul(f64x2.sub(v, e), k), e);
}

/**
 * TA-Lib's SMA of x into out[first..n) (x valid from first - period + 1), re-summed from scratch,
 * left to right, at `first` and every `every` outputs after it: per block exactly TA-Lib's
 * arithmetic (total += new; emit total / period; total -= oldest).
 */
export function smaBlocks(x: usize, out: usize, first: i32, n: i32, period: i32, every: i32): void {
  const p = <f64>period;
  for (let block = first; block < n; block += every) {
    const end = min(block + every, n);
    let total: f64 = 0;
    for (let i = block - period + 1; i < block; i++) total += ld(x, i);
    for (let i = block; i < end; i++) {
      total += ld(x, i);
      const v = total;
      total -= ld(x, i - period + 1);
      st(out, i, v / p);
    }
  }
}
