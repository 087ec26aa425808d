import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, SHADOW_VERY_SHORT, EQUAL, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLSEPARATINGLINES: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  if (c.color(1) === -c.color(0) &&
      c.open(0) <= c.open(1) + c.equal(1) &&
      c.open(0) >= c.open(1) - c.equal(1) &&
      c.realBody(0) > c.bodyLong(0) &&
      ((c.color(0) === 1 && c.lowerShadow(0) < c.shadowVeryShort(0)) ||
       (c.color(0) === -1 && c.upperShadow(0) < c.shadowVeryShort(0)))) return c.color(0) * 100;
  return 0;
}

export default definePattern({
  talib: 'CDLSEPARATINGLINES',
  name: 'Separating Lines',
  description: 'Two candles of opposite colours opening at (nearly) the same price, the second a long belt-hold.',
  values: '+100 when the second is white, -100 when black',
  averages: [[SHADOW_VERY_SHORT, 0], [BODY_LONG, 0], [EQUAL, 1]],
  lookback: 11,
  lookbackFormula: 'max(avgPeriod(ShadowVeryShort), avgPeriod(BodyLong), avgPeriod(Equal)) + 1 = 11',
  detect,
});
