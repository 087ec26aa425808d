import { definePattern } from '../../src/pattern.ts';
import { type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLHIKKAKE: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  // Memory 0 holds the last pattern's result; the mark is the pattern's bar.
  if (c.high(1) < c.high(2) && c.low(1) > c.low(2) &&
      ((c.high(0) < c.high(1) && c.low(0) < c.low(1)) ||
       (c.high(0) > c.high(1) && c.low(0) > c.low(1)))) {
    c.set(0, 100 * (c.high(0) < c.high(1) ? 1 : -1));
    c.setMark();
    return c.get(0);
  }
  if (c.mark() <= 3 &&
      ((c.get(0) > 0 && c.close(0) > c.high(c.mark() + 1)) ||
       (c.get(0) < 0 && c.close(0) < c.low(c.mark() + 1)))) {
    c.clearMark();
    return c.get(0) + 100 * (c.get(0) > 0 ? 1 : -1);
  }
  return 0;
}

export default definePattern({
  talib: 'CDLHIKKAKE',
  name: 'Hikkake Pattern',
  description: "An inside bar, then a bar breaking out of it (a false breakout); confirmed when, within three bars, a close goes beyond the inside bar's opposite extreme.",
  values: '+100/-100 on the breakout bar (bullish after a downward breakout, bearish after an upward one), +200/-200 on the confirming bar',
  averages: [],
  lookback: 5,
  lookbackFormula: '5',
  warmup: 3,
  memory: 1,
  notes: ['Stateful, as TA-Lib: a breakout seen up to three bars before the first output can be confirmed on the first outputs (TA-Lib starts its loop three bars before the lookback); the confirmation is reported once, and a new inside-bar breakout replaces a pending one.'],
  detect,
});
