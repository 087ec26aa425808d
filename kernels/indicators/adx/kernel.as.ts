import { fillNaN, ld, st } from '../../assembly/lib/common';
import { downMove2, isZero, minusDm1, minusDm2, plusDm1, plusDm2, upMove2 } from '../../assembly/lib/directional';
import { trueRange1, trueRange2 } from '../../assembly/lib/truerange';

/**
 * ADX. Pass 1: +DM, -DM and TR two bars at a time in SIMD; the Wilder sums of [+DM, -DM] advance side
 * by side in the lanes (TR beside them), and each bar's DX (NaN where TA-Lib has none) is staged in
 * `out`. Pass 2: the ADX average over the staged DX values. Same operations as TA-Lib: bit-exact.
 */
export function adx(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): void {
  const lookback = 2 * period - 1;
  if (n <= lookback) {
    fillNaN(out, n, n);
    return;
  }
  let plus: f64 = 0, minus: f64 = 0, tr: f64 = 0;
  for (let i = 1; i < period; i++) {
    const m = minusDm1(high, low, i);
    if (m > 0) minus += m;
    else plus += plusDm1(high, low, i);
    tr += trueRange1(high, low, close, i);
  }
  const p = <f64>period;
  const pv = f64x2.splat(p);
  const hundred = f64x2.splat(100.0);
  let dm = f64x2.replace_lane(f64x2.splat(plus), 1, minus);
  let i = period;
  for (; i + 1 < n; i += 2) {
    const up = upMove2(high, i), down = downMove2(low, i);
    const p2 = plusDm2(up, down), m2 = minusDm2(up, down);
    const tr2 = trueRange2(high, low, close, i);
    // Adding the +0 of the move that does not count leaves that sum as TA-Lib's skipped addition does.
    dm = f64x2.add(f64x2.sub(dm, f64x2.div(dm, pv)), v128.shuffle<f64>(p2, m2, 0, 2));
    tr = tr - tr / p + f64x2.extract_lane(tr2, 0);
    st(out, i, dxOf(dm, tr, hundred));
    dm = f64x2.add(f64x2.sub(dm, f64x2.div(dm, pv)), v128.shuffle<f64>(p2, m2, 1, 3));
    tr = tr - tr / p + f64x2.extract_lane(tr2, 1);
    st(out, i + 1, dxOf(dm, tr, hundred));
  }
  for (; i < n; i++) {
    const x = f64x2.replace_lane(f64x2.splat(plusDm1(high, low, i)), 1, minusDm1(high, low, i));
    dm = f64x2.add(f64x2.sub(dm, f64x2.div(dm, pv)), x);
    tr = tr - tr / p + trueRange1(high, low, close, i);
    st(out, i, dxOf(dm, tr, hundred));
  }
  let sum: f64 = 0;
  for (let t = period; t <= lookback; t++) {
    const dx = ld(out, t);
    if (dx == dx) sum += dx;
  }
  let a = sum / p;
  st(out, lookback, a);
  const pm1 = <f64>(period - 1);
  for (let t = lookback + 1; t < n; t++) {
    const dx = ld(out, t);
    if (dx == dx) a = (a * pm1 + dx) / p;
    st(out, t, a);
  }
  fillNaN(out, lookback, n);
}

/** DX from [+DM, -DM] and TR, or NaN where TA-Lib computes none (TR or the DI sum near zero). */
// @ts-ignore: decorator
@inline function dxOf(dm: v128, tr: f64, hundred: v128): f64 {
  if (isZero(tr)) return NaN;
  const di = f64x2.mul(hundred, f64x2.div(dm, f64x2.splat(tr)));
  const plusDi = f64x2.extract_lane(di, 0), minusDi = f64x2.extract_lane(di, 1);
  const sum = minusDi + plusDi;
  return isZero(sum) ? NaN : 100.0 * (Math.abs(minusDi - plusDi) / sum);
}
