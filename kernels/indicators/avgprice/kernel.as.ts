import { avgPriceRun } from '../../assembly/lib/price';

/** AVGPRICE: element-wise, two bars per vector. */
export function avgprice(open: usize, high: usize, low: usize, close: usize, out: usize, n: i32): void {
  avgPriceRun(open, high, low, close, out, n);
}
