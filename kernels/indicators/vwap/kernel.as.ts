import { at, broadcastHigh, fillNaN, ld, pairPrefix, resumInterval, st } from '../../assembly/lib/common';

// @ts-ignore: decorator
@inline function typical2(high: usize, low: usize, close: usize, i: i32): v128 {
  return f64x2.div(f64x2.add(f64x2.add(v128.load(at(high, i)), v128.load(at(low, i))), v128.load(at(close, i))), f64x2.splat(3.0));
}

// @ts-ignore: decorator
@inline function typical1(high: usize, low: usize, close: usize, i: i32): f64 {
  return (ld(high, i) + ld(low, i) + ld(close, i)) / 3.0;
}

/** 1.0 where the volume is non-zero (a bar that traded), else 0. */
// @ts-ignore: decorator
@inline function traded2(v: v128): v128 {
  return v128.and(f64x2.ne(v, f64x2.splat(0)), f64x2.splat(1.0));
}

// @ts-ignore: decorator
@inline function vwapOf2(pv: v128, vol: v128, traded: v128, tp: v128): v128 {
  return v128.bitselect(tp, f64x2.div(pv, vol), f64x2.eq(traded, f64x2.splat(0)));
}

// @ts-ignore: decorator
@inline function vwapOf1(pv: f64, vol: f64, traded: f64, tp: f64): f64 {
  return traded == 0 ? tp : pv / vol;
}

/**
 * VWAP, rolling (period >= 1) or anchored at the first bar (period 0); see the reference for the
 * definition. Typical price * volume and the traded-bar flags are formed two bars at a time; the sums
 * advance four bars per loop-carried add via pairwise prefix sums (of the differences, when rolling).
 */
export function vwap(high: usize, low: usize, close: usize, volume: usize, out: usize, n: i32, period: i32): void {
  if (period == 0) anchored(high, low, close, volume, out, n);
  else rolling(high, low, close, volume, out, n, period);
}

function anchored(high: usize, low: usize, close: usize, volume: usize, out: usize, n: i32): void {
  let sp = f64x2.splat(0), sv = f64x2.splat(0), sc = f64x2.splat(0);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const tp01 = typical2(high, low, close, i), tp23 = typical2(high, low, close, i + 2);
    const v01 = v128.load(at(volume, i)), v23 = v128.load(at(volume, i + 2));
    const p01 = pairPrefix(f64x2.mul(tp01, v01));
    const p23 = f64x2.add(pairPrefix(f64x2.mul(tp23, v23)), broadcastHigh(p01));
    const w01 = pairPrefix(v01);
    const w23 = f64x2.add(pairPrefix(v23), broadcastHigh(w01));
    const c01 = pairPrefix(traded2(v01));
    const c23 = f64x2.add(pairPrefix(traded2(v23)), broadcastHigh(c01));
    const sp23 = f64x2.add(sp, p23), sv23 = f64x2.add(sv, w23), sc23 = f64x2.add(sc, c23);
    v128.store(at(out, i), vwapOf2(f64x2.add(sp, p01), f64x2.add(sv, w01), f64x2.add(sc, c01), tp01));
    v128.store(at(out, i + 2), vwapOf2(sp23, sv23, sc23, tp23));
    sp = broadcastHigh(sp23);
    sv = broadcastHigh(sv23);
    sc = broadcastHigh(sc23);
  }
  let pv = f64x2.extract_lane(sp, 0), vol = f64x2.extract_lane(sv, 0), traded = f64x2.extract_lane(sc, 0);
  for (; i < n; i++) {
    const tp = typical1(high, low, close, i);
    const v = ld(volume, i);
    pv += tp * v;
    vol += v;
    if (v != 0) traded += 1;
    st(out, i, vwapOf1(pv, vol, traded, tp));
  }
}

function rolling(high: usize, low: usize, close: usize, volume: usize, out: usize, n: i32, period: i32): void {
  const lookback = period - 1;
  fillNaN(out, lookback, n);
  if (n <= lookback) return;
  const every = resumInterval(period);
  for (let block = lookback; block < n; block += every) {
    const end = min(block + every, n);
    let pv: f64 = 0, vol: f64 = 0, traded: f64 = 0;
    for (let j = block - lookback; j <= block; j++) {
      const v = ld(volume, j);
      pv += typical1(high, low, close, j) * v;
      vol += v;
      if (v != 0) traded += 1;
    }
    st(out, block, vwapOf1(pv, vol, traded, typical1(high, low, close, block)));
    let i = block + 1;
    let sp = f64x2.splat(pv), sv = f64x2.splat(vol), sc = f64x2.splat(traded);
    for (; i + 3 < end; i += 4) {
      const o = i - period;
      const tp01 = typical2(high, low, close, i), tp23 = typical2(high, low, close, i + 2);
      const v01 = v128.load(at(volume, i)), v23 = v128.load(at(volume, i + 2));
      const u01 = v128.load(at(volume, o)), u23 = v128.load(at(volume, o + 2));
      const q01 = f64x2.mul(typical2(high, low, close, o), u01);
      const q23 = f64x2.mul(typical2(high, low, close, o + 2), u23);
      const p01 = pairPrefix(f64x2.sub(f64x2.mul(tp01, v01), q01));
      const p23 = f64x2.add(pairPrefix(f64x2.sub(f64x2.mul(tp23, v23), q23)), broadcastHigh(p01));
      const w01 = pairPrefix(f64x2.sub(v01, u01));
      const w23 = f64x2.add(pairPrefix(f64x2.sub(v23, u23)), broadcastHigh(w01));
      const c01 = pairPrefix(f64x2.sub(traded2(v01), traded2(u01)));
      const c23 = f64x2.add(pairPrefix(f64x2.sub(traded2(v23), traded2(u23))), broadcastHigh(c01));
      const sp23 = f64x2.add(sp, p23), sv23 = f64x2.add(sv, w23), sc23 = f64x2.add(sc, c23);
      v128.store(at(out, i), vwapOf2(f64x2.add(sp, p01), f64x2.add(sv, w01), f64x2.add(sc, c01), tp01));
      v128.store(at(out, i + 2), vwapOf2(sp23, sv23, sc23, tp23));
      sp = broadcastHigh(sp23);
      sv = broadcastHigh(sv23);
      sc = broadcastHigh(sc23);
    }
    pv = f64x2.extract_lane(sp, 0);
    vol = f64x2.extract_lane(sv, 0);
    traded = f64x2.extract_lane(sc, 0);
    for (; i < end; i++) {
      const o = i - period;
      const tp = typical1(high, low, close, i);
      const v = ld(volume, i), u = ld(volume, o);
      pv += tp * v - typical1(high, low, close, o) * u;
      vol += v - u;
      traded += <f64>(v != 0) - <f64>(u != 0);
      st(out, i, vwapOf1(pv, vol, traded, tp));
    }
  }
}
