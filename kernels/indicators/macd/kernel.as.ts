import { emaK } from '../../assembly/lib/common';
import { macdPanel, macdSeries, macdSeriesChecked } from '../../assembly/lib/macd';

/** MACD: TA-Lib swaps the periods when slow < fast; EMA constants 2 / (period + 1). */
export function macd(x: usize, macdOut: usize, signalOut: usize, histOut: usize, n: i32, fastIn: i32, slowIn: i32, signal: i32): void {
  const fast = min(fastIn, slowIn);
  const slow = max(fastIn, slowIn);
  macdSeries(x, macdOut, signalOut, histOut, n, fast, slow, signal, emaK(fast), emaK(slow));
}

/** macd checking its input on the way (see macdSeriesChecked): 1 when all are finite. */
export function macd_checked(x: usize, macdOut: usize, signalOut: usize, histOut: usize, n: i32, fastIn: i32, slowIn: i32, signal: i32): i32 {
  const fast = min(fastIn, slowIn);
  const slow = max(fastIn, slowIn);
  return macdSeriesChecked(x, macdOut, signalOut, histOut, n, fast, slow, signal, emaK(fast), emaK(slow));
}

/** MACD over `count` series (series s at x + s*n), two series per lane pair, two pairs interleaved. */
export function macd_panel(x: usize, macdOut: usize, signalOut: usize, histOut: usize, n: i32, count: i32, fastIn: i32, slowIn: i32, signal: i32): void {
  const fast = min(fastIn, slowIn);
  const slow = max(fastIn, slowIn);
  macdPanel(x, macdOut, signalOut, histOut, n, count, fast, slow, signal, emaK(fast), emaK(slow));
}
