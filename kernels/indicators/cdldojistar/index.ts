import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, BODY_DOJI, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLDOJISTAR: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  if (c.realBody(1) > c.bodyLong(1) &&
      c.realBody(0) <= c.bodyDoji(0) &&
      ((c.color(1) === 1 && c.realBodyGapUp(0, 1)) ||
       (c.color(1) === -1 && c.realBodyGapDown(0, 1)))) return -c.color(1) * 100;
  return 0;
}

export default definePattern({
  talib: 'CDLDOJISTAR',
  name: 'Doji Star',
  description: 'A long candle, then a doji whose body gaps away from it (up after white, down after black).',
  values: '-100 after a white candle (bearish), +100 after a black one',
  averages: [[BODY_LONG, 1], [BODY_DOJI, 0]],
  lookback: 11,
  lookbackFormula: 'max(avgPeriod(BodyDoji), avgPeriod(BodyLong)) + 1 = 11',
  detect,
});
