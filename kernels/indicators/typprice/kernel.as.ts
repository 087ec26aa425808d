import { typPriceRun } from '../../assembly/lib/price';

/** TYPPRICE: element-wise, two bars per vector. */
export function typprice(high: usize, low: usize, close: usize, out: usize, n: i32): void {
  typPriceRun(high, low, close, out, n);
}
