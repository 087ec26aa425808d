import { definePattern } from '../../src/pattern.ts';
import { NEAR, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDL3LINESTRIKE: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  if (c.color(3) === c.color(2) &&
      c.color(2) === c.color(1) &&
      c.color(0) === -c.color(1) &&
      c.open(2) >= c.bodyBottom(3) - c.near(3) &&
      c.open(2) <= c.bodyTop(3) + c.near(3) &&
      c.open(1) >= c.bodyBottom(2) - c.near(2) &&
      c.open(1) <= c.bodyTop(2) + c.near(2) &&
      ((c.color(1) === 1 &&
        c.close(1) > c.close(2) && c.close(2) > c.close(3) &&
        c.open(0) > c.close(1) &&
        c.close(0) < c.open(3)) ||
       (c.color(1) === -1 &&
        c.close(1) < c.close(2) && c.close(2) < c.close(3) &&
        c.open(0) < c.close(1) &&
        c.close(0) > c.open(3)))) return c.color(1) * 100;
  return 0;
}

export default definePattern({
  talib: 'CDL3LINESTRIKE',
  name: 'Three-Line Strike',
  description: 'Three candles of one colour, each opening near the body before and closing beyond it, then a candle of the other colour opening beyond the third close and closing beyond the first open.',
  values: '+100 after three white candles, -100 after three black',
  averages: [[NEAR, 3], [NEAR, 2]],
  lookback: 8,
  lookbackFormula: 'avgPeriod(Near) + 3 = 8',
  detect,
});
