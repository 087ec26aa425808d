// TA-Lib's price transforms over whole series, two bars per vector (each lane rounds as TA-Lib's
// scalar expression does: same operations, same order).
import { at, ld, st } from './common';

/** out = (high + low + close + open) / 4. */
export function avgPriceRun(open: usize, high: usize, low: usize, close: usize, out: usize, n: i32): void {
  const four = f64x2.splat(4);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const s = f64x2.add(f64x2.add(f64x2.add(v128.load(at(high, i)), v128.load(at(low, i))), v128.load(at(close, i))), v128.load(at(open, i)));
    v128.store(at(out, i), f64x2.div(s, four));
  }
  for (; i < n; i++) st(out, i, (ld(high, i) + ld(low, i) + ld(close, i) + ld(open, i)) / 4);
}

/** out = (high + low) / 2. */
export function medPriceRun(high: usize, low: usize, out: usize, n: i32): void {
  const two = f64x2.splat(2);
  let i = 0;
  for (; i + 1 < n; i += 2) v128.store(at(out, i), f64x2.div(f64x2.add(v128.load(at(high, i)), v128.load(at(low, i))), two));
  for (; i < n; i++) st(out, i, (ld(high, i) + ld(low, i)) / 2);
}

/** out = (high + low + close) / 3. */
export function typPriceRun(high: usize, low: usize, close: usize, out: usize, n: i32): void {
  const three = f64x2.splat(3);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const s = f64x2.add(f64x2.add(v128.load(at(high, i)), v128.load(at(low, i))), v128.load(at(close, i)));
    v128.store(at(out, i), f64x2.div(s, three));
  }
  for (; i < n; i++) st(out, i, (ld(high, i) + ld(low, i) + ld(close, i)) / 3);
}

/** out = (high + low + close * 2) / 4. */
export function wclPriceRun(high: usize, low: usize, close: usize, out: usize, n: i32): void {
  const two = f64x2.splat(2);
  const four = f64x2.splat(4);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const s = f64x2.add(f64x2.add(v128.load(at(high, i)), v128.load(at(low, i))), f64x2.mul(v128.load(at(close, i)), two));
    v128.store(at(out, i), f64x2.div(s, four));
  }
  for (; i < n; i++) st(out, i, (ld(high, i) + ld(low, i) + ld(close, i) * 2) / 4);
}
