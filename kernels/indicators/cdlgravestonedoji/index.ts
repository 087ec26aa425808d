import { definePattern } from '../../src/pattern.ts';
import { BODY_DOJI, SHADOW_VERY_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLGRAVESTONEDOJI: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.realBody(0) <= c.bodyDoji(0) &&
    c.lowerShadow(0) < c.shadowVeryShort(0) &&
    c.upperShadow(0) > c.shadowVeryShort(0) ? 100 : 0;
}

export default definePattern({
  talib: 'CDLGRAVESTONEDOJI',
  name: 'Gravestone Doji',
  description: 'A doji with a very short lower shadow and an upper shadow that is not very short.',
  values: '100 where the bar is a gravestone doji',
  averages: [[BODY_DOJI, 0], [SHADOW_VERY_SHORT, 0]],
  lookback: 10,
  lookbackFormula: 'max(avgPeriod(BodyDoji), avgPeriod(ShadowVeryShort)) = 10',
  detect,
});
