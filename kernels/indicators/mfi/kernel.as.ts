import { at, broadcastHigh, fillNaN, ld, pairPrefix, resumInterval, st } from '../../assembly/lib/common';

// @ts-ignore: decorator
@inline function typical1(high: usize, low: usize, close: usize, i: i32): f64 {
  return (ld(high, i) + ld(low, i) + ld(close, i)) / 3.0;
}

// @ts-ignore: decorator
@inline function typical2(high: usize, low: usize, close: usize, i: i32): v128 {
  return f64x2.div(f64x2.add(f64x2.add(v128.load(at(high, i)), v128.load(at(low, i))), v128.load(at(close, i))), f64x2.splat(3.0));
}

/** Money flow of bar i: positive (sign > 0) or negative (sign < 0) part, 0 otherwise. */
// @ts-ignore: decorator
@inline function flow1(high: usize, low: usize, close: usize, volume: usize, i: i32, sign: i32): f64 {
  const tp = typical1(high, low, close, i);
  const d = tp - typical1(high, low, close, i - 1);
  return (sign > 0 ? d > 0 : d < 0) ? tp * ld(volume, i) : 0.0;
}

// @ts-ignore: decorator
@inline function mfiOf(pos: f64, neg: f64): f64 {
  const total = pos + neg;
  return total < 1.0 ? 0.0 : 100.0 * (pos / total);
}

// @ts-ignore: decorator
@inline function mfiOf2(pos: v128, neg: v128): v128 {
  const total = f64x2.add(pos, neg);
  const m = f64x2.mul(f64x2.splat(100.0), f64x2.div(pos, total));
  return v128.bitselect(f64x2.splat(0), m, f64x2.lt(total, f64x2.splat(1.0)));
}

/**
 * MFI. Between re-sums, each sum advances by (newest flow - flow leaving): the flows of four bars and
 * of the four leaving are formed in vectors (typical price, change, money flow), their differences
 * prefix-summed in pairs, and both sums advance four bars per loop-carried add.
 */
export function mfi(high: usize, low: usize, close: usize, volume: usize, out: usize, n: i32, period: i32): void {
  fillNaN(out, period, n);
  if (n <= period) return;
  const every = resumInterval(period);
  const zero = f64x2.splat(0);
  for (let block = period; block < n; block += every) {
    const end = min(block + every, n);
    let pos: f64 = 0, neg: f64 = 0;
    for (let j = block - period + 1; j <= block; j++) {
      pos += flow1(high, low, close, volume, j, 1);
      neg += flow1(high, low, close, volume, j, -1);
    }
    st(out, block, mfiOf(pos, neg));
    let i = block + 1;
    let sp = f64x2.splat(pos), sn = f64x2.splat(neg);
    for (; i + 3 < end; i += 4) {
      // Flows entering (bars i..i+3) and leaving (bars i-period..i-period+3).
      const tIn0 = typical2(high, low, close, i), tIn1 = typical2(high, low, close, i + 2);
      const dIn0 = f64x2.sub(tIn0, typical2(high, low, close, i - 1));
      const dIn1 = f64x2.sub(tIn1, typical2(high, low, close, i + 1));
      const fIn0 = f64x2.mul(tIn0, v128.load(at(volume, i)));
      const fIn1 = f64x2.mul(tIn1, v128.load(at(volume, i + 2)));
      const o = i - period;
      const tOut0 = typical2(high, low, close, o), tOut1 = typical2(high, low, close, o + 2);
      const dOut0 = f64x2.sub(tOut0, typical2(high, low, close, o - 1));
      const dOut1 = f64x2.sub(tOut1, typical2(high, low, close, o + 1));
      const fOut0 = f64x2.mul(tOut0, v128.load(at(volume, o)));
      const fOut1 = f64x2.mul(tOut1, v128.load(at(volume, o + 2)));
      const p01 = pairPrefix(f64x2.sub(v128.and(f64x2.gt(dIn0, zero), fIn0), v128.and(f64x2.gt(dOut0, zero), fOut0)));
      const p23 = f64x2.add(pairPrefix(f64x2.sub(v128.and(f64x2.gt(dIn1, zero), fIn1), v128.and(f64x2.gt(dOut1, zero), fOut1))), broadcastHigh(p01));
      const n01 = pairPrefix(f64x2.sub(v128.and(f64x2.lt(dIn0, zero), fIn0), v128.and(f64x2.lt(dOut0, zero), fOut0)));
      const n23 = f64x2.add(pairPrefix(f64x2.sub(v128.and(f64x2.lt(dIn1, zero), fIn1), v128.and(f64x2.lt(dOut1, zero), fOut1))), broadcastHigh(n01));
      const sp23 = f64x2.add(sp, p23), sn23 = f64x2.add(sn, n23);
      v128.store(at(out, i), mfiOf2(f64x2.add(sp, p01), f64x2.add(sn, n01)));
      v128.store(at(out, i + 2), mfiOf2(sp23, sn23));
      sp = broadcastHigh(sp23);
      sn = broadcastHigh(sn23);
    }
    pos = f64x2.extract_lane(sp, 0);
    neg = f64x2.extract_lane(sn, 0);
    for (; i < end; i++) {
      pos += flow1(high, low, close, volume, i, 1) - flow1(high, low, close, volume, i - period, 1);
      neg += flow1(high, low, close, volume, i, -1) - flow1(high, low, close, volume, i - period, -1);
      st(out, i, mfiOf(pos, neg));
    }
  }
}
