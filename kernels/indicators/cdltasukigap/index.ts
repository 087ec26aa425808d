import { definePattern } from '../../src/pattern.ts';
import { NEAR, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLTASUKIGAP: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  if ((c.realBodyGapUp(1, 2) &&
       c.color(1) === 1 &&
       c.color(0) === -1 &&
       c.open(0) < c.close(1) && c.open(0) > c.open(1) &&
       c.close(0) < c.open(1) &&
       c.close(0) > c.bodyTop(2) &&
       Math.abs(c.realBody(1) - c.realBody(0)) < c.near(1)) ||
      (c.realBodyGapDown(1, 2) &&
       c.color(1) === -1 &&
       c.color(0) === 1 &&
       c.open(0) < c.open(1) && c.open(0) > c.close(1) &&
       c.close(0) > c.open(1) &&
       c.close(0) < c.bodyBottom(2) &&
       Math.abs(c.realBody(1) - c.realBody(0)) < c.near(1))) return c.color(1) * 100;
  return 0;
}

export default definePattern({
  talib: 'CDLTASUKIGAP',
  name: 'Tasuki Gap',
  description: "A gap between two candles of the trend's colour, then a candle of the other colour opening in the second body and closing into the gap without filling it, of about the second's size.",
  values: '+100 upside gap, -100 downside gap',
  averages: [[NEAR, 1]],
  lookback: 7,
  lookbackFormula: 'avgPeriod(Near) + 2 = 7',
  detect,
});
