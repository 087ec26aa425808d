// The PLUS_DI / MINUS_DI kernel body; not exported from the module.
import { fillNaN, st } from '../../assembly/lib/common';
import { downMove2, isZero, minusDm1, minusDm2, plusDm1, plusDm2, trueRange1, trueRange2, upMove2 } from './directional.as';

// @ts-ignore: decorator
@inline function diOf(s: v128): f64 {
  const tr = f64x2.extract_lane(s, 1);
  return isZero(tr) ? 0 : 100.0 * (f64x2.extract_lane(s, 0) / tr);
}

/**
 * +DI (plus) or -DI: DM and TR two bars at a time in SIMD, their Wilder sums side by side in the lanes
 * [dm, tr] with TA-Lib's operations (s - s/period + x): bit-exact. Period 1 is TA-Lib's unsmoothed ratio.
 */
export function diKernel(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32, plus: bool): void {
  fillNaN(out, period, n);
  if (n <= period) return;
  if (period == 1) {
    for (let i = 1; i < n; i++) {
      const move = plus ? plusDm1(high, low, i) : minusDm1(high, low, i);
      let v: f64 = 0;
      if (move > 0) {
        const tr = trueRange1(high, low, close, i);
        v = isZero(tr) ? 0 : move / tr;
      }
      st(out, i, v);
    }
    return;
  }
  let dm: f64 = 0, tr: f64 = 0;
  for (let i = 1; i < period; i++) {
    dm += plus ? plusDm1(high, low, i) : minusDm1(high, low, i);
    tr += trueRange1(high, low, close, i);
  }
  const pv = f64x2.splat(<f64>period);
  let s = f64x2.replace_lane(f64x2.splat(dm), 1, tr);
  let i = period;
  for (; i + 1 < n; i += 2) {
    const up = upMove2(high, i), down = downMove2(low, i);
    const dm2 = plus ? plusDm2(up, down) : minusDm2(up, down);
    const tr2 = trueRange2(high, low, close, i);
    s = f64x2.add(f64x2.sub(s, f64x2.div(s, pv)), v128.shuffle<f64>(dm2, tr2, 0, 2));
    st(out, i, diOf(s));
    s = f64x2.add(f64x2.sub(s, f64x2.div(s, pv)), v128.shuffle<f64>(dm2, tr2, 1, 3));
    st(out, i + 1, diOf(s));
  }
  for (; i < n; i++) {
    const x = f64x2.replace_lane(f64x2.splat(plus ? plusDm1(high, low, i) : minusDm1(high, low, i)), 1, trueRange1(high, low, close, i));
    s = f64x2.add(f64x2.sub(s, f64x2.div(s, pv)), x);
    st(out, i, diOf(s));
  }
}
