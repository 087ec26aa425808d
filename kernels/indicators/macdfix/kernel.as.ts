import { macdSeries } from '../../assembly/lib/macd';

/** MACDFIX: MACD(12, 26) with TA-Lib's fixed EMA constants 0.15 and 0.075. */
export function macdfix(x: usize, macdOut: usize, signalOut: usize, histOut: usize, n: i32, signal: i32): void {
  macdSeries(x, macdOut, signalOut, histOut, n, 12, 26, signal, 0.15, 0.075);
}
