// TA-Lib's Wilder averages of gains and losses over one series: RSI (and STOCHRSI), CMO.
import { fillNaN, ld, st, TA_EPSILON } from './common';
import { allFinite } from './validate';

/** RSI over one series (see gainLossSeries). */
export function rsiSeries(x: usize, out: usize, n: i32, period: i32): void {
  gainLossSeries(x, out, n, period, false, false);
}

/**
 * rsiSeries that also checks every input value on the way, off the recurrence, instead of a pass
 * before it: 1 when all are finite, else 0 (the outputs are then unspecified).
 */
export function rsiSeriesChecked(x: usize, out: usize, n: i32, period: i32): i32 {
  return gainLossSeries(x, out, n, period, false, true);
}

/** CMO over one series (see gainLossSeries). */
export function cmoSeries(x: usize, out: usize, n: i32, period: i32): void {
  gainLossSeries(x, out, n, period, true, false);
}

/**
 * RSI (cmo false) or CMO with the Wilder averages of gain and loss side by side in the two lanes,
 * [gain, loss]: the same operations as TA-Lib, so the results are bit-exact. The division per step is serial.
 */
// @ts-ignore: decorator
@inline function gainLossSeries(x: usize, out: usize, n: i32, period: i32, cmo: bool, checked: bool): i32 {
  fillNaN(out, period, n);
  if (n <= period) return checked ? <i32>allFinite(x, n) : 1;
  // x - x is 0 for a finite x and NaN otherwise: summed beside the recurrence when `checked`.
  let check: f64 = 0;
  if (checked) {
    const x0 = ld(x, 0);
    check = x0 - x0;
  }
  const p = <f64>period;
  const pm1 = f64x2.splat(<f64>(period - 1));
  const pv = f64x2.splat(p);
  const zero = f64x2.splat(0);
  const negateHigh = f64x2.replace_lane(zero, 1, -0.0);
  // The seeding sums as [gain, loss]: pmax adds what TA-Lib's branch adds, and +0 (or -0) where it
  // adds nothing, which leaves the sum unchanged (no branch on the data: V8 compiles a scalar
  // compare-and-branch here, which mispredicts on price data).
  let sums = zero;
  for (let i = 1; i <= period; i++) {
    if (checked) {
      const v = ld(x, i);
      check += v - v;
    }
    const d = f64x2.splat(ld(x, i) - ld(x, i - 1));
    sums = f64x2.add(sums, f64x2.pmax(v128.xor(d, negateHigh), zero));
  }
  const gain = f64x2.extract_lane(sums, 0) / p;
  const loss = f64x2.extract_lane(sums, 1) / p;
  let gl = f64x2.replace_lane(f64x2.splat(gain), 1, loss);
  st(out, period, cmo ? cmoScalar(gain, loss) : rsiScalar(gain, loss));
  for (let i = period + 1; i < n; i++) {
    if (checked) {
      const v = ld(x, i);
      check += v - v;
    }
    const d = f64x2.splat(ld(x, i) - ld(x, i - 1));
    // [d < 0 ? 0 : d, -d < 0 ? 0 : -d] (pmax): what TA-Lib's branch adds to each average.
    const move = f64x2.pmax(v128.xor(d, negateHigh), zero);
    gl = f64x2.div(f64x2.add(f64x2.mul(gl, pm1), move), pv);
    const g = f64x2.extract_lane(gl, 0);
    const l = f64x2.extract_lane(gl, 1);
    st(out, i, cmo ? cmoScalar(g, l) : rsiScalar(g, l));
  }
  return <i32>(check == 0);
}

// @ts-ignore: decorator
@inline function rsiScalar(gain: f64, loss: f64): f64 {
  const sum = gain + loss;
  return sum > -TA_EPSILON && sum < TA_EPSILON ? 0 : 100 * (gain / sum);
}

// @ts-ignore: decorator
@inline function cmoScalar(gain: f64, loss: f64): f64 {
  const sum = gain + loss;
  return sum > -TA_EPSILON && sum < TA_EPSILON ? 0 : 100.0 * ((gain - loss) / sum);
}
