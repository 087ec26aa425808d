import { wclPriceRun } from '../../assembly/lib/price';

/** WCLPRICE: element-wise, two bars per vector. */
export function wclprice(high: usize, low: usize, close: usize, out: usize, n: i32): void {
  wclPriceRun(high, low, close, out, n);
}
