import { fillNaN, ld, st } from '../../assembly/lib/common';
import { MA_STORE, maPass, maTypeLookback } from '../../assembly/lib/ma';

/**
 * MACDEXT: the slow MA into signalOut, the fast MA into macdOut, then macdOut = fast - slow, the signal
 * MA of that line into signalOut, then the histogram; scalar passes with TA-Lib's arithmetic.
 */
export function macdext(
  x: usize, macdOut: usize, signalOut: usize, histOut: usize, n: i32,
  fastIn: i32, fastTypeIn: i32, slowIn: i32, slowTypeIn: i32, signal: i32, signalType: i32,
): void {
  const swap = slowIn < fastIn;
  const fast = swap ? slowIn : fastIn, fastType = swap ? slowTypeIn : fastTypeIn;
  const slow = swap ? fastIn : slowIn, slowType = swap ? fastTypeIn : slowTypeIn;
  const lbFast = maTypeLookback(fastType, fast);
  const lbSlow = maTypeLookback(slowType, slow);
  const lineFrom = max(lbFast, lbSlow);
  const lookback = lineFrom + maTypeLookback(signalType, signal);
  if (n > lineFrom) {
    maPass(x, signalOut, lineFrom - lbSlow, n, slowType, slow, lineFrom, MA_STORE);
    maPass(x, macdOut, lineFrom - lbFast, n, fastType, fast, lineFrom, MA_STORE);
    for (let i = lineFrom; i < n; i++) st(macdOut, i, ld(macdOut, i) - ld(signalOut, i));
    maPass(macdOut, signalOut, lineFrom, n, signalType, signal, 0, MA_STORE);
    for (let i = lookback; i < n; i++) st(histOut, i, ld(macdOut, i) - ld(signalOut, i));
  }
  fillNaN(macdOut, lookback, n);
  fillNaN(signalOut, lookback, n);
  fillNaN(histOut, lookback, n);
}
