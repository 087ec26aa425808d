import { definePattern } from '../../src/pattern.ts';
import { type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLXSIDEGAP3METHODS: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  if (c.color(2) === c.color(1) &&
      c.color(1) === -c.color(0) &&
      c.open(0) < c.bodyTop(1) &&
      c.open(0) > c.bodyBottom(1) &&
      c.close(0) < c.bodyTop(2) &&
      c.close(0) > c.bodyBottom(2) &&
      ((c.color(2) === 1 && c.realBodyGapUp(1, 2)) ||
       (c.color(2) === -1 && c.realBodyGapDown(1, 2)))) return c.color(2) * 100;
  return 0;
}

export default definePattern({
  talib: 'CDLXSIDEGAP3METHODS',
  name: 'Upside/Downside Gap Three Methods',
  description: 'Two candles of one colour with a gap between their bodies, then one of the other colour opening in the second body and closing in the first, filling the gap.',
  values: '+100 upside (white candles), -100 downside',
  averages: [],
  lookback: 2,
  lookbackFormula: '2',
  detect,
});
