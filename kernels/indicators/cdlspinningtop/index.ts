import { definePattern } from '../../src/pattern.ts';
import { BODY_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLSPINNINGTOP: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  if (c.realBody(0) < c.bodyShort(0) &&
      c.upperShadow(0) > c.realBody(0) &&
      c.lowerShadow(0) > c.realBody(0)) return c.color(0) * 100;
  return 0;
}

export default definePattern({
  talib: 'CDLSPINNINGTOP',
  name: 'Spinning Top',
  description: 'A short real body with both shadows longer than the body.',
  values: '+100 white, -100 black',
  averages: [[BODY_SHORT, 0]],
  lookback: 10,
  lookbackFormula: 'avgPeriod(BodyShort) = 10',
  detect,
});
