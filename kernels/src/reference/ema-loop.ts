// DEMA, TEMA and TRIX as whole-series loops (see loop.ts): chained EMAs with TA-Lib's seeding and
// operations, the reference's operations in its order (bit-exact), every input value checked on the way.
// The seeding loops also write the lookback's NaNs: they wait on the EMA's latency, so the stores are
// free there (a fill before them cost 40 of TEMA's 500 ns at 100 bars).
import { fillNaN, finiteRange } from '../loop.ts';
import { emaK } from './common.ts';
import { roc } from './lag.ts';

/** DEMA = 2 * e1 - e2; e2 is seeded with the mean of e1's first `period` values. */
export function demaChain(x: Float64Array, out: Float64Array, period: number): boolean {
  const n = x.length;
  const lookback = 2 * (period - 1);
  if (n <= lookback) {
    fillNaN(out, lookback);
    return finiteRange(x, 0, n);
  }
  const k = emaK(period);
  let check = 0;
  let e1 = 0;
  let e2 = 0;
  let t = 0;
  for (; t < period; t++) {
    const v = x[t]!;
    out[t] = NaN;
    check += v - v;
    e1 += v;
  }
  e1 /= period;
  e2 += e1;
  for (; t <= lookback; t++) {
    const v = x[t]!;
    out[t] = NaN;
    check += v - v;
    e1 = (v - e1) * k + e1;
    e2 += e1;
  }
  e2 /= period;
  out[lookback] = 2.0 * e1 - e2;
  for (; t < n; t++) {
    const v = x[t]!;
    check += v - v;
    e1 = (v - e1) * k + e1;
    e2 = (e1 - e2) * k + e2;
    out[t] = 2.0 * e1 - e2;
  }
  return check === 0;
}

/**
 * The three chained EMAs of TEMA and TRIX up to their seeding at bar 3 * (period - 1) (n must exceed
 * it): results in `seeded` (e1, e2, e3, then the check sum of the values read), NaN in out[0 .. 3 * (period - 1)].
 * Each stage is seeded with the mean of its first `period` inputs, summed left to right.
 */
const seeded = new Float64Array(4);

function seedThree(x: Float64Array, out: Float64Array, period: number, k: number): void {
  let check = 0;
  let e1 = 0;
  let e2 = 0;
  let e3 = 0;
  let t = 0;
  for (; t < period; t++) {
    const v = x[t]!;
    out[t] = NaN;
    check += v - v;
    e1 += v;
  }
  e1 /= period;
  e2 += e1;
  for (; t < 2 * period - 1; t++) {
    const v = x[t]!;
    out[t] = NaN;
    check += v - v;
    e1 = (v - e1) * k + e1;
    e2 += e1;
  }
  e2 /= period;
  e3 += e2;
  for (; t < 3 * period - 2; t++) {
    const v = x[t]!;
    out[t] = NaN;
    check += v - v;
    e1 = (v - e1) * k + e1;
    e2 = (e1 - e2) * k + e2;
    e3 += e2;
  }
  e3 /= period;
  seeded[0] = e1;
  seeded[1] = e2;
  seeded[2] = e3;
  seeded[3] = check;
}

/** TEMA = e3 + (3 * e1 - 3 * e2). */
export function temaChain(x: Float64Array, out: Float64Array, period: number): boolean {
  const n = x.length;
  const lookback = 3 * (period - 1);
  if (n <= lookback) {
    fillNaN(out, lookback);
    return finiteRange(x, 0, n);
  }
  const k = emaK(period);
  seedThree(x, out, period, k);
  let e1 = seeded[0]!;
  let e2 = seeded[1]!;
  let e3 = seeded[2]!;
  let check = seeded[3]!;
  out[lookback] = e3 + (3.0 * e1 - 3.0 * e2);
  for (let t = lookback + 1; t < n; t++) {
    const v = x[t]!;
    check += v - v;
    e1 = (v - e1) * k + e1;
    e2 = (e1 - e2) * k + e2;
    e3 = (e2 - e3) * k + e3;
    out[t] = e3 + (3.0 * e1 - 3.0 * e2);
  }
  return check === 0;
}

/** TRIX: the one-bar ROC of e3, from bar 3 * (period - 1) + 1. */
export function trixChain(x: Float64Array, out: Float64Array, period: number): boolean {
  const n = x.length;
  const lookback = 3 * (period - 1) + 1;
  if (n <= lookback) {
    fillNaN(out, lookback);
    return finiteRange(x, 0, n);
  }
  const k = emaK(period);
  seedThree(x, out, period, k);
  let e1 = seeded[0]!;
  let e2 = seeded[1]!;
  let e3 = seeded[2]!;
  let check = seeded[3]!;
  for (let t = lookback; t < n; t++) {
    const v = x[t]!;
    check += v - v;
    e1 = (v - e1) * k + e1;
    e2 = (e1 - e2) * k + e2;
    const prev = e3;
    e3 = (e2 - e3) * k + e3;
    out[t] = roc(e3, prev);
  }
  return check === 0;
}
