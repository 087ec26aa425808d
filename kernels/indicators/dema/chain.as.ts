// Chained EMAs (DEMA, TEMA, TRIX) seeded as TA-Lib's INT_EMA calls do: each stage with the mean of
// its first `period` inputs, summed left to right from 0. The seeding runs with the reference's
// operations; the results are left in globals (the kernels never allocate).
import { emaK, ld } from '../../assembly/lib/common';
import { load2 } from '../../assembly/lib/panel';

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
