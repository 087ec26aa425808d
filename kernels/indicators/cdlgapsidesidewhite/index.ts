import { definePattern } from '../../src/pattern.ts';
import { NEAR, EQUAL, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLGAPSIDESIDEWHITE: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  if (((c.realBodyGapUp(1, 2) && c.realBodyGapUp(0, 2)) ||
       (c.realBodyGapDown(1, 2) && c.realBodyGapDown(0, 2))) &&
      c.color(1) === 1 &&
      c.color(0) === 1 &&
      c.realBody(0) >= c.realBody(1) - c.near(1) &&
      c.realBody(0) <= c.realBody(1) + c.near(1) &&
      c.open(0) >= c.open(1) - c.equal(1) &&
      c.open(0) <= c.open(1) + c.equal(1)) return c.realBodyGapUp(1, 2) ? 100 : -100;
  return 0;
}

export default definePattern({
  talib: 'CDLGAPSIDESIDEWHITE',
  name: 'Up/Down-gap side-by-side white lines',
  description: 'A gap (up or down) from a candle, then two white candles beyond the gap, of about the same size and opening at about the same price.',
  values: '+100 after a gap up, -100 after a gap down',
  averages: [[NEAR, 1], [EQUAL, 1]],
  lookback: 7,
  lookbackFormula: 'max(avgPeriod(Near), avgPeriod(Equal)) + 2 = 7',
  detect,
});
