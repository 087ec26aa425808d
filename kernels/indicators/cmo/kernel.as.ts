import { cmoSeries } from '../../assembly/lib/rsi';

/** CMO: RSI's Wilder averages side by side in the lanes (assembly/lib/rsi.ts); bit-exact. */
export function cmo(x: usize, out: usize, n: i32, period: i32): void {
  cmoSeries(x, out, n, period);
}
