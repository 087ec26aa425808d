import { medPriceRun } from '../../assembly/lib/price';

/** MEDPRICE: element-wise, two bars per vector. */
export function medprice(high: usize, low: usize, out: usize, n: i32): void {
  medPriceRun(high, low, out, n);
}
