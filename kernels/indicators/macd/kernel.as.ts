import { at, emaK, fillNaN, ld, st, sumRange } from '../../assembly/lib/common';
import { coefA12, coefA34, ema4 } from '../../assembly/lib/ma';
import { load2, store2, sumRange2 } from '../../assembly/lib/panel';

/**
 * MACD with TA-Lib's seeding (see the reference). After the warm-up, the fast, slow and signal EMAs
 * each advance four bars per step; fast and slow are staged in the macd and histogram outputs.
 */
export function macd(x: usize, macdOut: usize, signalOut: usize, histOut: usize, n: i32, fastIn: i32, slowIn: i32, signal: i32): void {
  const fast = min(fastIn, slowIn);
  const slow = max(fastIn, slowIn);
  const lookback = slow - 1 + signal - 1;
  fillNaN(macdOut, lookback, n);
  fillNaN(signalOut, lookback, n);
  fillNaN(histOut, lookback, n);
  if (n <= lookback) return;
  const kf = emaK(fast), ks = emaK(slow), kg = emaK(signal);
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
  const af = 1.0 - kf, as = 1.0 - ks, ag = 1.0 - kg;
  const kfv = f64x2.splat(kf), afv = f64x2.splat(af), af12 = coefA12(af), af34 = coefA34(af);
  const ksv = f64x2.splat(ks), asv = f64x2.splat(as), as12 = coefA12(as), as34 = coefA34(as);
  const kgv = f64x2.splat(kg), agv = f64x2.splat(ag), ag12 = coefA12(ag), ag34 = coefA34(ag);
  let i = lookback + 1;
  for (; i + 3 < n; i += 4) {
    ef = ema4(kfv, afv, af12, af34, x, macdOut, i, ef);
    es = ema4(ksv, asv, as12, as34, x, histOut, i, es);
    const m01 = f64x2.sub(v128.load(at(macdOut, i)), v128.load(at(histOut, i)));
    const m23 = f64x2.sub(v128.load(at(macdOut, i + 2)), v128.load(at(histOut, i + 2)));
    v128.store(at(macdOut, i), m01);
    v128.store(at(macdOut, i + 2), m23);
    eg = ema4(kgv, agv, ag12, ag34, macdOut, signalOut, i, eg);
    v128.store(at(histOut, i), f64x2.sub(m01, v128.load(at(signalOut, i))));
    v128.store(at(histOut, i + 2), f64x2.sub(m23, v128.load(at(signalOut, i + 2))));
  }
  for (; i < n; i++) {
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

/** MACD over `count` series (series s at x + s*n), two series per lane pair, two pairs interleaved. */
export function macd_panel(x: usize, macdOut: usize, signalOut: usize, histOut: usize, n: i32, count: i32, fastIn: i32, slowIn: i32, signal: i32): void {
  const stride = <usize>n << 3;
  let s = 0;
  for (; s + 3 < count; s += 4) {
    const off = <usize>s * stride;
    macdPair(x + off, macdOut + off, signalOut + off, histOut + off, stride, n, fastIn, slowIn, signal);
    macdPair(x + off + 2 * stride, macdOut + off + 2 * stride, signalOut + off + 2 * stride, histOut + off + 2 * stride, stride, n, fastIn, slowIn, signal);
  }
  for (; s + 1 < count; s += 2) {
    const off = <usize>s * stride;
    macdPair(x + off, macdOut + off, signalOut + off, histOut + off, stride, n, fastIn, slowIn, signal);
  }
  if (s < count) {
    const off = <usize>s * stride;
    macdSerial(x + off, macdOut + off, signalOut + off, histOut + off, n, fastIn, slowIn, signal);
  }
}

/** Two series in the two lanes, with the reference's exact operations per lane. */
function macdPair(x0: usize, m0: usize, g0: usize, h0: usize, stride: usize, n: i32, fastIn: i32, slowIn: i32, signal: i32): void {
  const x1 = x0 + stride, m1 = m0 + stride, g1 = g0 + stride, h1 = h0 + stride;
  const fast = min(fastIn, slowIn);
  const slow = max(fastIn, slowIn);
  const lookback = slow - 1 + signal - 1;
  fillNaN(m0, lookback, n); fillNaN(m1, lookback, n);
  fillNaN(g0, lookback, n); fillNaN(g1, lookback, n);
  fillNaN(h0, lookback, n); fillNaN(h1, lookback, n);
  if (n <= lookback) return;
  const kf = f64x2.splat(emaK(fast)), ks = f64x2.splat(emaK(slow)), kg = f64x2.splat(emaK(signal));
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

function macdSerial(x: usize, macdOut: usize, signalOut: usize, histOut: usize, n: i32, fastIn: i32, slowIn: i32, signal: i32): void {
  const fast = min(fastIn, slowIn);
  const slow = max(fastIn, slowIn);
  const lookback = slow - 1 + signal - 1;
  fillNaN(macdOut, lookback, n);
  fillNaN(signalOut, lookback, n);
  fillNaN(histOut, lookback, n);
  if (n <= lookback) return;
  const kf = emaK(fast), ks = emaK(slow), kg = emaK(signal);
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
