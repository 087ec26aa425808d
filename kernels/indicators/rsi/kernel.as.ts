import { at, fillNaN, ld, st, TA_EPSILON } from '../../assembly/lib/common';
import { load2, store2 } from '../../assembly/lib/panel';
import { rsiSeries, rsiSeriesChecked } from '../../assembly/lib/rsi';

export { rsiSeries as rsi, rsiSeriesChecked as rsi_checked };

// @ts-ignore: decorator
@inline function rsiOf(gain: v128, loss: v128): v128 {
  const sum = f64x2.add(gain, loss);
  const r = f64x2.mul(f64x2.splat(100), f64x2.div(gain, sum));
  const zero = v128.and(f64x2.gt(sum, f64x2.splat(-TA_EPSILON)), f64x2.lt(sum, f64x2.splat(TA_EPSILON)));
  return v128.bitselect(f64x2.splat(0), r, zero);
}

/** RSI over `count` series (series s at x + s*n): two series per lane pair, four pairs interleaved. */
export function rsi_panel(x: usize, out: usize, n: i32, count: i32, period: i32): void {
  const stride = <usize>n << 3;
  for (let s = 0; s < count; s++) fillNaN(out + <usize>s * stride, period, n);
  if (n <= period) return;
  let s = 0;
  for (; s + 7 < count; s += 8) {
    rsiPairs4(x + <usize>s * stride, out + <usize>s * stride, stride, n, period);
  }
  for (; s + 1 < count; s += 2) rsiPair(x + <usize>s * stride, out + <usize>s * stride, stride, n, period);
  if (s < count) rsiSeries(x + <usize>s * stride, out + <usize>s * stride, n, period);
}

function rsiPair(x0: usize, o0: usize, stride: usize, n: i32, period: i32): void {
  const x1 = x0 + stride, o1 = o0 + stride;
  const zero = f64x2.splat(0);
  const pv = f64x2.splat(<f64>period);
  const pm1 = f64x2.splat(<f64>(period - 1));
  let g = zero, l = zero;
  let prev = load2(x0, x1, 0);
  for (let t = 1; t <= period; t++) {
    const v = load2(x0, x1, t);
    const d = f64x2.sub(v, prev);
    prev = v;
    g = f64x2.add(g, f64x2.pmax(d, zero));
    l = f64x2.add(l, f64x2.pmax(f64x2.neg(d), zero));
  }
  g = f64x2.div(g, pv);
  l = f64x2.div(l, pv);
  store2(o0, o1, period, rsiOf(g, l));
  for (let t = period + 1; t < n; t++) {
    const v = load2(x0, x1, t);
    const d = f64x2.sub(v, prev);
    prev = v;
    g = f64x2.div(f64x2.add(f64x2.mul(g, pm1), f64x2.pmax(d, zero)), pv);
    l = f64x2.div(f64x2.add(f64x2.mul(l, pm1), f64x2.pmax(f64x2.neg(d), zero)), pv);
    store2(o0, o1, t, rsiOf(g, l));
  }
}

function rsiPairs4(x0: usize, o0: usize, stride: usize, n: i32, period: i32): void {
  const x1 = x0 + stride, x2 = x1 + stride, x3 = x2 + stride, x4 = x3 + stride;
  const x5 = x4 + stride, x6 = x5 + stride, x7 = x6 + stride;
  const o1 = o0 + stride, o2 = o1 + stride, o3 = o2 + stride, o4 = o3 + stride;
  const o5 = o4 + stride, o6 = o5 + stride, o7 = o6 + stride;
  const zero = f64x2.splat(0);
  const pv = f64x2.splat(<f64>period);
  const pm1 = f64x2.splat(<f64>(period - 1));
  let ga = zero, la = zero, gb = zero, lb = zero, gc = zero, lc = zero, gd = zero, ld = zero;
  let pa = load2(x0, x1, 0), pb = load2(x2, x3, 0), pc = load2(x4, x5, 0), pd = load2(x6, x7, 0);
  for (let t = 1; t <= period; t++) {
    const va = load2(x0, x1, t), vb = load2(x2, x3, t), vc = load2(x4, x5, t), vd = load2(x6, x7, t);
    const da = f64x2.sub(va, pa), db = f64x2.sub(vb, pb), dc = f64x2.sub(vc, pc), dd = f64x2.sub(vd, pd);
    pa = va; pb = vb; pc = vc; pd = vd;
    ga = f64x2.add(ga, f64x2.pmax(da, zero)); la = f64x2.add(la, f64x2.pmax(f64x2.neg(da), zero));
    gb = f64x2.add(gb, f64x2.pmax(db, zero)); lb = f64x2.add(lb, f64x2.pmax(f64x2.neg(db), zero));
    gc = f64x2.add(gc, f64x2.pmax(dc, zero)); lc = f64x2.add(lc, f64x2.pmax(f64x2.neg(dc), zero));
    gd = f64x2.add(gd, f64x2.pmax(dd, zero)); ld = f64x2.add(ld, f64x2.pmax(f64x2.neg(dd), zero));
  }
  ga = f64x2.div(ga, pv); la = f64x2.div(la, pv);
  gb = f64x2.div(gb, pv); lb = f64x2.div(lb, pv);
  gc = f64x2.div(gc, pv); lc = f64x2.div(lc, pv);
  gd = f64x2.div(gd, pv); ld = f64x2.div(ld, pv);
  store2(o0, o1, period, rsiOf(ga, la));
  store2(o2, o3, period, rsiOf(gb, lb));
  store2(o4, o5, period, rsiOf(gc, lc));
  store2(o6, o7, period, rsiOf(gd, ld));
  for (let t = period + 1; t < n; t++) {
    const va = load2(x0, x1, t), vb = load2(x2, x3, t), vc = load2(x4, x5, t), vd = load2(x6, x7, t);
    const da = f64x2.sub(va, pa), db = f64x2.sub(vb, pb), dc = f64x2.sub(vc, pc), dd = f64x2.sub(vd, pd);
    pa = va; pb = vb; pc = vc; pd = vd;
    ga = f64x2.div(f64x2.add(f64x2.mul(ga, pm1), f64x2.pmax(da, zero)), pv);
    la = f64x2.div(f64x2.add(f64x2.mul(la, pm1), f64x2.pmax(f64x2.neg(da), zero)), pv);
    gb = f64x2.div(f64x2.add(f64x2.mul(gb, pm1), f64x2.pmax(db, zero)), pv);
    lb = f64x2.div(f64x2.add(f64x2.mul(lb, pm1), f64x2.pmax(f64x2.neg(db), zero)), pv);
    gc = f64x2.div(f64x2.add(f64x2.mul(gc, pm1), f64x2.pmax(dc, zero)), pv);
    lc = f64x2.div(f64x2.add(f64x2.mul(lc, pm1), f64x2.pmax(f64x2.neg(dc), zero)), pv);
    gd = f64x2.div(f64x2.add(f64x2.mul(gd, pm1), f64x2.pmax(dd, zero)), pv);
    ld = f64x2.div(f64x2.add(f64x2.mul(ld, pm1), f64x2.pmax(f64x2.neg(dd), zero)), pv);
    store2(o0, o1, t, rsiOf(ga, la));
    store2(o2, o3, t, rsiOf(gb, lb));
    store2(o4, o5, t, rsiOf(gc, lc));
    store2(o6, o7, t, rsiOf(gd, ld));
  }
}
