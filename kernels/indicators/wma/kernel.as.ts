import { at, broadcastHigh, fillNaN, ld, pairPrefix, st } from '../../assembly/lib/common';

/**
 * WMA with TA-Lib's two running sums (see the reference). Within a re-sum block, with
 * sub[t] = sub[t-1] + (x[t] - x[t-period]) and the weighted sum after output
 * rest[t] = rest[t-1] + period * x[t] - sub[t], both recurrences are prefix sums: four bars advance
 * with one loop-carried add each.
 */
export function wma(x: usize, out: usize, n: i32, period: i32): void {
  const lookback = period - 1;
  fillNaN(out, lookback, n);
  if (n <= lookback) return;
  const every = max(256, period); // wmaResumInterval in stream.ts
  const p = <f64>period;
  const divider = <f64>period * <f64>(period + 1) * 0.5;
  const pv = f64x2.splat(p);
  const dv = f64x2.splat(divider);
  const zero = f64x2.splat(0);
  for (let block = lookback; block < n; block += every) {
    const end = min(block + every, n);
    let sub: f64 = 0;
    let sum: f64 = 0;
    for (let j = 1; j < period; j++) {
      const v = ld(x, block - lookback + j - 1);
      sub += v;
      sum += v * <f64>j;
    }
    const first = ld(x, block);
    sub += first;
    sum += first * p;
    st(out, block, sum / divider);
    let rest = sum - sub; // the weighted sum after the output, before the next bar
    let i = block + 1;
    let subv = f64x2.splat(sub);
    let restv = f64x2.splat(rest);
    for (; i + 3 < end; i += 4) {
      const a01 = v128.load(at(x, i)), a23 = v128.load(at(x, i + 2));
      const d01 = pairPrefix(f64x2.sub(a01, v128.load(at(x, i - period))));
      const d23 = f64x2.add(pairPrefix(f64x2.sub(a23, v128.load(at(x, i + 2 - period)))), broadcastHigh(d01));
      const sub01 = f64x2.add(subv, d01);
      const sub23 = f64x2.add(subv, d23);
      const px01 = f64x2.mul(a01, pv), px23 = f64x2.mul(a23, pv);
      const w01 = f64x2.sub(px01, sub01);
      const w23 = f64x2.sub(px23, sub23);
      const c01 = pairPrefix(w01);
      const c23 = f64x2.add(pairPrefix(w23), broadcastHigh(c01));
      // weighted sum at bar i + j = rest + (w_0 + ... + w_{j-1}) + period * x[i + j]
      const e01 = v128.shuffle<f64>(zero, w01, 0, 2);
      const e23 = f64x2.add(broadcastHigh(c01), v128.shuffle<f64>(zero, w23, 0, 2));
      v128.store(at(out, i), f64x2.div(f64x2.add(f64x2.add(restv, e01), px01), dv));
      v128.store(at(out, i + 2), f64x2.div(f64x2.add(f64x2.add(restv, e23), px23), dv));
      restv = f64x2.add(restv, broadcastHigh(c23));
      subv = broadcastHigh(sub23);
    }
    sub = f64x2.extract_lane(subv, 0);
    rest = f64x2.extract_lane(restv, 0);
    for (; i < end; i++) {
      const v = ld(x, i);
      sub += v - ld(x, i - period);
      const s = rest + v * p;
      st(out, i, s / divider);
      rest = s - sub;
    }
  }
}
