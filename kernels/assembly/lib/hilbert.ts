// Ehlers' Hilbert-transform cycle measurement as TA-Lib computes it, for the batch kernels: the same
// operations in the same order as src/reference/hilbert.ts (see there). The chain is serial (each
// bar's transforms are scaled by the last bar's period), so this is scalar code; the state lives in
// module globals and a static block, so nothing is allocated.
import { fillNaN, ld, st } from './common';

const A: f64 = 0.0962;
const B: f64 = 0.5769;
export const SMOOTH_PRICE_SIZE: i32 = 50;
export const MAMA_LOOKBACK: i32 = 32;
export const CYCLE_LOOKBACK: i32 = 63;

// Per transform (detrender, Q1, jI, jQ) ten doubles, as in the reference: [0..2] the odd ring,
// [3..5] the even ring, [6] prev odd, [7] prev even, [8] prev input odd, [9] prev input even.
const TRANSFORMS: usize = memory.data(4 * 10 * 8);
const DETRENDER: usize = TRANSFORMS;
const Q1: usize = TRANSFORMS + 80;
const JI: usize = TRANSFORMS + 160;
const JQ: usize = TRANSFORMS + 240;
/** TA-Lib's smoothPrice ring (the 63-bar functions). */
export const SMOOTH_PRICES: usize = memory.data(50 * 8);

let wmaSub: f64 = 0;
let wmaSum: f64 = 0;
let i1OddPrev2: f64 = 0;
let i1OddPrev3: f64 = 0;
let i1EvenPrev2: f64 = 0;
let i1EvenPrev3: f64 = 0;
let prevQ2: f64 = 0;
let prevI2: f64 = 0;
let re: f64 = 0;
let im: f64 = 0;
let hilbertIdx: i32 = 0;
/** The core's outputs after a bar: the period, the smoothed price, this chain's I1 and Q1. */
export let period: f64 = 0;
export let smoothed: f64 = 0;
export let inPhase: f64 = 0;
export let quadrature: f64 = 0;

export function rad2Deg(): f64 {
  return 45.0 / Math.atan(1.0);
}

/** Resets the core and runs the WMA over bars 0 .. 3 + warm - 1 (TA-Lib's start). Needs n > 3 + warm. */
export function hilbertStart(x: usize, warm: i32): void {
  wmaSub = 0;
  wmaSum = 0;
  for (let t = 0; t < 3; t++) {
    const v = ld(x, t);
    wmaSub += v;
    wmaSum += v * <f64>(t + 1);
  }
  for (let t = 3; t < 3 + warm; t++) wmaStep(x, t);
  memory.fill(TRANSFORMS, 0, 4 * 10 * 8);
  memory.fill(SMOOTH_PRICES, 0, 50 * 8);
  i1OddPrev2 = i1OddPrev3 = i1EvenPrev2 = i1EvenPrev3 = 0;
  prevQ2 = prevI2 = re = im = 0;
  hilbertIdx = 0;
  period = 0;
}

/** DO_PRICE_WMA for bar t >= 3: the 4-bar WMA into `smoothed`. */
// @ts-ignore: decorator
@inline function wmaStep(x: usize, t: i32): void {
  const v = ld(x, t);
  wmaSub += v;
  wmaSub -= t == 3 ? 0.0 : ld(x, t - 4);
  wmaSum += v * 4.0;
  smoothed = wmaSum * 0.1;
  wmaSum -= wmaSub;
}

// @ts-ignore: decorator
@inline function transform(v: usize, input: f64, odd: bool, idx: i32, adjusted: f64): f64 {
  const ring = v + (<usize>(odd ? idx : idx + 3) << 3);
  const prev = v + (odd ? 48 : 56);
  const prevInput = v + (odd ? 64 : 72);
  const t = A * input;
  let out = -load<f64>(ring);
  store<f64>(ring, t);
  out += t;
  out -= load<f64>(prev);
  const p = B * load<f64>(prevInput);
  store<f64>(prev, p);
  out += p;
  store<f64>(prevInput, input);
  out *= adjusted;
  return out;
}

/** One bar of the Hilbert loop (t >= 3 + warm): updates the core and `period`. */
// @ts-ignore: decorator
@inline export function hilbertBar(x: usize, t: i32, toDeg: f64): void {
  const adjusted = 0.075 * period + 0.54;
  wmaStep(x, t);
  const odd = (t & 1) == 1;
  const idx = hilbertIdx;
  const i1 = odd ? i1OddPrev3 : i1EvenPrev3;
  const detrender = transform(DETRENDER, smoothed, odd, idx, adjusted);
  const q1 = transform(Q1, detrender, odd, idx, adjusted);
  const jI = transform(JI, i1, odd, idx, adjusted);
  const jQ = transform(JQ, q1, odd, idx, adjusted);
  const q2 = 0.2 * (q1 + jI) + 0.8 * prevQ2;
  const i2 = 0.2 * (i1 - jQ) + 0.8 * prevI2;
  if (odd) {
    i1EvenPrev3 = i1EvenPrev2;
    i1EvenPrev2 = detrender;
  } else {
    if (++hilbertIdx == 3) hilbertIdx = 0;
    i1OddPrev3 = i1OddPrev2;
    i1OddPrev2 = detrender;
  }
  inPhase = i1;
  quadrature = q1;
  re = 0.2 * (i2 * prevI2 + q2 * prevQ2) + 0.8 * re;
  im = 0.2 * (i2 * prevQ2 - q2 * prevI2) + 0.8 * im;
  prevQ2 = q2;
  prevI2 = i2;
  const last = period;
  let p = last;
  if (im != 0 && re != 0) p = 360.0 / (Math.atan(im / re) * toDeg);
  let bound = 1.5 * last;
  if (p > bound) p = bound;
  bound = 0.67 * last;
  if (p < bound) p = bound;
  if (p < 6) p = 6;
  else if (p > 50) p = 50;
  period = 0.2 * p + 0.8 * last;
}

// sin and cos of the DFT angles (i * twoPi) / n for n <= 50, i < n (row n * 50), computed once per n:
// the same values as calling Math.sin / Math.cos per term, as the reference caches them too.
// Pairs [sin, cos], 16 bytes each, 16-byte aligned.
const DFT_SIN_COS: usize = memory.data(51 * 50 * 16, 16);
const DFT_READY: usize = memory.data(51);

function dftRow(n: i32, twoPi: f64): i32 {
  const row = n * SMOOTH_PRICE_SIZE;
  if (load<u8>(DFT_READY + <usize>n) == 0) {
    for (let i = 0; i < n; i++) {
      const angle = (<f64>i * twoPi) / <f64>n;
      const at = DFT_SIN_COS + (<usize>(row + i) << 4);
      store<f64>(at, Math.sin(angle));
      store<f64>(at + 8, Math.cos(angle));
    }
    store<u8>(DFT_READY + <usize>n, 1);
  }
  return row;
}

/** The dominant-cycle phase stage (see the reference's dcPhase): ring newest at `newest`. */
export function dcPhase(newest: i32, smoothPeriod: f64, phase: f64, toDeg: f64, twoPi: f64): f64 {
  const periodInt = <i32>(smoothPeriod + 0.5);
  // [real, imag] in one vector: per lane the reference's multiply then add, in its order.
  let parts = f64x2.splat(0);
  let idx = newest;
  const pairs = DFT_SIN_COS + (<usize>dftRow(periodInt, twoPi) << 4);
  for (let i = 0; i < periodInt; i++) {
    const v = f64x2.splat(ld(SMOOTH_PRICES, idx));
    parts = f64x2.add(parts, f64x2.mul(v128.load(pairs + (<usize>i << 4)), v));
    idx = idx == 0 ? SMOOTH_PRICE_SIZE - 1 : idx - 1;
  }
  const realPart = f64x2.extract_lane(parts, 0);
  const imagPart = f64x2.extract_lane(parts, 1);
  let p = phase;
  const size = Math.abs(imagPart);
  if (size > 0) p = Math.atan(realPart / imagPart) * toDeg;
  else if (size <= 0.01) {
    if (realPart < 0) p -= 90;
    else if (realPart > 0) p += 90;
  }
  p += 90;
  p += 360.0 / smoothPeriod;
  if (imagPart < 0) p += 180;
  if (p > 315) p -= 360;
  return p;
}

/** The mean of x[t - int(smoothPeriod + 0.5) + 1 .. t], summed newest first (HT_TRENDLINE). */
export function trendMean(x: usize, t: i32, smoothPeriod: f64): f64 {
  const periodInt = <i32>(smoothPeriod + 0.5);
  let sum: f64 = 0;
  for (let i = 0; i < periodInt; i++) sum += ld(x, t - i);
  return periodInt > 0 ? sum / <f64>periodInt : sum;
}

/**
 * MAMA into `out` (NaN for the first 32 bars), TA-Lib's MA type 7; FAMA into `fama` unless it is 0.
 */
export function mamaFamaInto(x: usize, out: usize, fama: usize, n: i32, fastLimit: f64, slowLimit: f64): void {
  fillNaN(out, MAMA_LOOKBACK, n);
  if (fama != 0) fillNaN(fama, MAMA_LOOKBACK, n);
  if (n <= MAMA_LOOKBACK) return;
  const toDeg = rad2Deg();
  hilbertStart(x, 9);
  let mama: f64 = 0, f: f64 = 0, prevPhase: f64 = 0;
  for (let t = 12; t < n; t++) {
    hilbertBar(x, t, toDeg);
    const phase = inPhase != 0 ? Math.atan(quadrature / inPhase) * toDeg : 0.0;
    let alpha = prevPhase - phase;
    prevPhase = phase;
    if (alpha < 1) alpha = 1;
    if (alpha > 1) {
      alpha = fastLimit / alpha;
      if (alpha < slowLimit) alpha = slowLimit;
    } else {
      alpha = fastLimit;
    }
    mama = alpha * ld(x, t) + (1 - alpha) * mama;
    alpha *= 0.5;
    f = alpha * mama + (1 - alpha) * f;
    if (t >= MAMA_LOOKBACK) {
      st(out, t, mama);
      if (fama != 0) st(fama, t, f);
    }
  }
}

/** MAMA into `out` with NaN in the lookback (32 bars): TA-Lib's MA type 7. */
export function mamaInto(x: usize, out: usize, n: i32, fastLimit: f64, slowLimit: f64): void {
  mamaFamaInto(x, out, 0, n, fastLimit, slowLimit);
}
