import { definePattern } from '../../src/pattern.ts';
import { NEAR, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLHIKKAKEMOD: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  // Memory 0 holds the last pattern's result; the mark is the pattern's bar.
  if (c.high(2) < c.high(3) && c.low(2) > c.low(3) &&
      c.high(1) < c.high(2) && c.low(1) > c.low(2) &&
      ((c.high(0) < c.high(1) && c.low(0) < c.low(1) &&
        c.close(2) <= c.low(2) + c.near(2)) ||
       (c.high(0) > c.high(1) && c.low(0) > c.low(1) &&
        c.close(2) >= c.high(2) - c.near(2)))) {
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
  talib: 'CDLHIKKAKEMOD',
  name: 'Modified Hikkake Pattern',
  description: 'Hikkake after two nested inside bars, the second inside bar closing near its low (bullish) or high (bearish); confirmed within three bars as Hikkake is.',
  values: '+100/-100 on the breakout bar, +200/-200 on the confirming bar',
  averages: [[NEAR, 2]],
  lookback: 10,
  lookbackFormula: 'max(1, avgPeriod(Near)) + 5 = 10',
  warmup: 3,
  memory: 1,
  notes: ['Stateful as CDLHIKKAKE; the Near average is measured on the second inside bar.'],
  detect,
});
