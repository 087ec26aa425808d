// TA-Lib's MACD kernels (MACD, MACDFIX), with the fast and slow EMA constants given.
import { at, emaK, fillNaN, ld, st, sumRange } from './common';
import { coefA12, coefA34, emaTerms01, emaTerms23 } from './ma';
import { load2, store2, sumRange2 } from './panel';
import { allFinite } from './validate';

/**
 * MACD with TA-Lib's seeding (see src/reference/macd.ts), fast <= slow, EMA constants kf and ks for
 * the fast and slow EMAs (2 / (period + 1) for MACD, 0.15 and 0.075 for MACDFIX). After the warm-up,
 * the fast, slow and signal EMAs each advance four bars per step, in registers.
 */
export function macdSeries(x: usize, macdOut: usize, signalOut: usize, histOut: usize, n: i32, fast: i32, slow: i32, signal: i32, kf: f64, ks: f64): void {
  macdRun(x, macdOut, signalOut, histOut, n, fast, slow, signal, kf, ks, false);
}

/**
 * macdSeries that also checks every input value on the way instead of a pass before: 1 when all are
 * finite, else 0 (the outputs are then unspecified).
 */
export function macdSeriesChecked(x: usize, macdOut: usize, signalOut: usize, histOut: usize, n: i32, fast: i32, slow: i32, signal: i32, kf: f64, ks: f64): i32 {
  return macdRun(x, macdOut, signalOut, histOut, n, fast, slow, signal, kf, ks, true);
}

// @ts-ignore: decorator
@inline function macdRun(x: usize, macdOut: usize, signalOut: usize, histOut: usize, n: i32, fast: i32, slow: i32, signal: i32, kf: f64, ks: f64, checked: bool): i32 {
  const lookback = slow - 1 + signal - 1;
  fillNaN(macdOut, lookback, n);
  fillNaN(signalOut, lookback, n);
  fillNaN(histOut, lookback, n);
  if (n <= lookback) return checked ? <i32>allFinite(x, n) : 1;
  // x - x is 0 for a finite x and NaN otherwise: the seeding sums' values first, then beside the EMAs.
  let check: f64 = 0;
  let checks = f64x2.splat(0);
  if (checked) {
    for (let i = 0; i < slow; i++) {
      const v = ld(x, i);
      check += v - v;
    }
  }
  const kg = emaK(signal);
  let es = sumRange(x, 0, slow) / <f64>slow;
  let ef = sumRange(x, slow - fast, slow) / <f64>fast;
  let m = ef - es;
  let seed = m;
  for (let i = slow; i <= lookback; i++) {
    const v = ld(x, i);
    if (checked) check += v - v;
    es = (v - es) * ks + es;
    ef = (v - ef) * kf + ef;
    m = ef - es;
    seed += m;
  }
  let eg = seed / <f64>signal;
  st(macdOut, lookback, m);
  st(signalOut, lookback, eg);
  st(histOut, lookback, m - eg);
  const af = 1.0 - kf, as = 1.0 - ks, ag = 1.0 - kg;
  const kfv = f64x2.splat(kf), afv = f64x2.splat(af), af12 = coefA12(af), af34 = coefA34(af);
  const ksv = f64x2.splat(ks), asv = f64x2.splat(as), as12 = coefA12(as), as34 = coefA34(as);
  const kgv = f64x2.splat(kg), agv = f64x2.splat(ag), ag12 = coefA12(ag), ag34 = coefA34(ag);
  // Vectors of the three EMAs (the same operations as ema4), kept in registers: one load of x and
  // three stores per two bars.
  let vf = f64x2.splat(ef), vs = f64x2.splat(es), vg = f64x2.splat(eg);
  let i = lookback + 1;
  for (; i + 3 < n; i += 4) {
    const x01 = v128.load(at(x, i)), x23 = v128.load(at(x, i + 2));
    if (checked) checks = f64x2.add(checks, f64x2.add(f64x2.sub(x01, x01), f64x2.sub(x23, x23)));
    const uf01 = emaTerms01(kfv, afv, x01), uf23 = emaTerms23(kfv, afv, af12, uf01, x23);
    const us01 = emaTerms01(ksv, asv, x01), us23 = emaTerms23(ksv, asv, as12, us01, x23);
    const f01 = f64x2.add(f64x2.mul(af12, vf), uf01), f23 = f64x2.add(f64x2.mul(af34, vf), uf23);
    const s01 = f64x2.add(f64x2.mul(as12, vs), us01), s23 = f64x2.add(f64x2.mul(as34, vs), us23);
    const m01 = f64x2.sub(f01, s01), m23 = f64x2.sub(f23, s23);
    const ug01 = emaTerms01(kgv, agv, m01), ug23 = emaTerms23(kgv, agv, ag12, ug01, m23);
    const g01 = f64x2.add(f64x2.mul(ag12, vg), ug01), g23 = f64x2.add(f64x2.mul(ag34, vg), ug23);
    v128.store(at(macdOut, i), m01);
    v128.store(at(macdOut, i + 2), m23);
    v128.store(at(signalOut, i), g01);
    v128.store(at(signalOut, i + 2), g23);
    v128.store(at(histOut, i), f64x2.sub(m01, g01));
    v128.store(at(histOut, i + 2), f64x2.sub(m23, g23));
    vf = v128.shuffle<f64>(f23, f23, 1, 1);
    vs = v128.shuffle<f64>(s23, s23, 1, 1);
    vg = v128.shuffle<f64>(g23, g23, 1, 1);
  }
  ef = f64x2.extract_lane(vf, 0);
  es = f64x2.extract_lane(vs, 0);
  eg = f64x2.extract_lane(vg, 0);
  for (; i < n; i++) {
    const v = ld(x, i);
    if (checked) check += v - v;
    es = (v - es) * ks + es;
    ef = (v - ef) * kf + ef;
    m = ef - es;
    eg = (m - eg) * kg + eg;
    st(macdOut, i, m);
    st(signalOut, i, eg);
    st(histOut, i, m - eg);
  }
  return <i32>(check + f64x2.extract_lane(checks, 0) + f64x2.extract_lane(checks, 1) == 0);
}

/** MACD over `count` series (series s at x + s*n), two series per lane pair, two pairs interleaved; fast <= slow. */
export function macdPanel(x: usize, macdOut: usize, signalOut: usize, histOut: usize, n: i32, count: i32, fast: i32, slow: i32, signal: i32, kf: f64, ks: f64): void {
  const stride = <usize>n << 3;
  let s = 0;
  for (; s + 3 < count; s += 4) {
    const off = <usize>s * stride;
    macdPair(x + off, macdOut + off, signalOut + off, histOut + off, stride, n, fast, slow, signal, kf, ks);
    macdPair(x + off + 2 * stride, macdOut + off + 2 * stride, signalOut + off + 2 * stride, histOut + off + 2 * stride, stride, n, fast, slow, signal, kf, ks);
  }
  for (; s + 1 < count; s += 2) {
    const off = <usize>s * stride;
    macdPair(x + off, macdOut + off, signalOut + off, histOut + off, stride, n, fast, slow, signal, kf, ks);
  }
  if (s < count) {
    const off = <usize>s * stride;
    macdSerial(x + off, macdOut + off, signalOut + off, histOut + off, n, fast, slow, signal, kf, ks);
  }
}

/** Two series in the two lanes, with the reference's exact operations per lane. */
function macdPair(x0: usize, m0: usize, g0: usize, h0: usize, stride: usize, n: i32, fast: i32, slow: i32, signal: i32, kfs: f64, kss: f64): void {
  const x1 = x0 + stride, m1 = m0 + stride, g1 = g0 + stride, h1 = h0 + stride;
  const lookback = slow - 1 + signal - 1;
  fillNaN(m0, lookback, n); fillNaN(m1, lookback, n);
  fillNaN(g0, lookback, n); fillNaN(g1, lookback, n);
  fillNaN(h0, lookback, n); fillNaN(h1, lookback, n);
  if (n <= lookback) return;
  const kf = f64x2.splat(kfs), ks = f64x2.splat(kss), kg = f64x2.splat(emaK(signal));
  let es = f64x2.div(sumRange2(x0, x1, 0, slow), f64x2.splat(<f64>slow));
  let ef = f64x2.div(sumRange2(x0, x1, slow - fast, slow), f64x2.splat(<f64>fast));
  let m = f64x2.sub(ef, es);
  let seed = m;
  for (let t = slow; t <= lookback; t++) {
    const v = load2(x0, x1, t);
    es = f64x2.add(f64x2.mul(f64x2.sub(v, es), ks), es);
    ef = f64x2.add(f64x2.mul(f64x2.sub(v, ef), kf), ef);
    m = f64x2.sub(ef, es);
    seed = f64x2.add(seed, m);
  }
  let eg = f64x2.div(seed, f64x2.splat(<f64>signal));
  store2(m0, m1, lookback, m);
  store2(g0, g1, lookback, eg);
  store2(h0, h1, lookback, f64x2.sub(m, eg));
  for (let t = lookback + 1; t < n; t++) {
    const v = load2(x0, x1, t);
    es = f64x2.add(f64x2.mul(f64x2.sub(v, es), ks), es);
    ef = f64x2.add(f64x2.mul(f64x2.sub(v, ef), kf), ef);
    m = f64x2.sub(ef, es);
    eg = f64x2.add(f64x2.mul(f64x2.sub(m, eg), kg), eg);
    store2(m0, m1, t, m);
    store2(g0, g1, t, eg);
    store2(h0, h1, t, f64x2.sub(m, eg));
  }
}

function macdSerial(x: usize, macdOut: usize, signalOut: usize, histOut: usize, n: i32, fast: i32, slow: i32, signal: i32, kf: f64, ks: f64): void {
  const lookback = slow - 1 + signal - 1;
  fillNaN(macdOut, lookback, n);
  fillNaN(signalOut, lookback, n);
  fillNaN(histOut, lookback, n);
  if (n <= lookback) return;
  const kg = emaK(signal);
  let es = sumRange(x, 0, slow) / <f64>slow;
  let ef = sumRange(x, slow - fast, slow) / <f64>fast;
  let m = ef - es;
  let seed = m;
  for (let i = slow; i <= lookback; i++) {
    const v = ld(x, i);
    es = (v - es) * ks + es;
    ef = (v - ef) * kf + ef;
    m = ef - es;
    seed += m;
  }
  let eg = seed / <f64>signal;
  st(macdOut, lookback, m);
  st(signalOut, lookback, eg);
  st(histOut, lookback, m - eg);
  for (let i = lookback + 1; i < n; i++) {
    const v = ld(x, i);
    es = (v - es) * ks + es;
    ef = (v - ef) * kf + ef;
    m = ef - es;
    eg = (m - eg) * kg + eg;
    st(macdOut, i, m);
    st(signalOut, i, eg);
    st(histOut, i, m - eg);
  }
}
