import { at, broadcastHigh, ld, pairPrefix, st } from '../../assembly/lib/common';

/** Volume signed by the close's direction, two bars at a time: +v up, -v down, 0 unchanged. */
// @ts-ignore: decorator
@inline function signedVolume(close: usize, volume: usize, i: i32): v128 {
  const d = f64x2.sub(v128.load(at(close, i)), v128.load(at(close, i - 1)));
  const v = v128.load(at(volume, i));
  const zero = f64x2.splat(0);
  return f64x2.sub(v128.and(f64x2.gt(d, zero), v), v128.and(f64x2.lt(d, zero), v));
}

/** OBV. The signed volumes are formed two at a time and prefix-summed, the total advancing four bars per add. */
export function obv(close: usize, volume: usize, out: usize, n: i32): void {
  obvRun(close, volume, out, n, false);
}

/**
 * obv that also checks every input value on the way instead of a pass before: 1 when all are finite,
 * else 0 (the outputs are then unspecified).
 */
export function obv_checked(close: usize, volume: usize, out: usize, n: i32): i32 {
  return obvRun(close, volume, out, n, true);
}

// @ts-ignore: decorator
@inline function obvRun(close: usize, volume: usize, out: usize, n: i32, checked: bool): i32 {
  if (n <= 0) return 1;
  let total = ld(volume, 0);
  st(out, 0, total);
  // x - x is 0 for a finite x and NaN otherwise; bar 0 apart, then the bars the loops read.
  let check: f64 = 0;
  let checks = f64x2.splat(0);
  if (checked) {
    const c0 = ld(close, 0);
    check = total - total + (c0 - c0);
  }
  let i = 1;
  let s = f64x2.splat(total);
  for (; i + 3 < n; i += 4) {
    if (checked) {
      const c01 = v128.load(at(close, i)), c23 = v128.load(at(close, i + 2));
      const v01 = v128.load(at(volume, i)), v23 = v128.load(at(volume, i + 2));
      checks = f64x2.add(checks, f64x2.add(f64x2.add(f64x2.sub(c01, c01), f64x2.sub(c23, c23)), f64x2.add(f64x2.sub(v01, v01), f64x2.sub(v23, v23))));
    }
    const d01 = pairPrefix(signedVolume(close, volume, i));
    const d23 = f64x2.add(pairPrefix(signedVolume(close, volume, i + 2)), broadcastHigh(d01));
    const s23 = f64x2.add(s, d23);
    v128.store(at(out, i), f64x2.add(s, d01));
    v128.store(at(out, i + 2), s23);
    s = broadcastHigh(s23);
  }
  total = f64x2.extract_lane(s, 0);
  for (; i < n; i++) {
    const c = ld(close, i), p = ld(close, i - 1);
    if (checked) {
      const v = ld(volume, i);
      check += c - c + (v - v);
    }
    if (c > p) total += ld(volume, i);
    else if (c < p) total -= ld(volume, i);
    st(out, i, total);
  }
  return <i32>(check + f64x2.extract_lane(checks, 0) + f64x2.extract_lane(checks, 1) == 0);
}
