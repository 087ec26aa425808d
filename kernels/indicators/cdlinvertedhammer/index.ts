import { definePattern } from '../../src/pattern.ts';
import { BODY_SHORT, SHADOW_VERY_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLINVERTEDHAMMER: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.realBody(0) < c.bodyShort(0) &&
    c.upperShadow(0) > c.shadowLong(0) &&
    c.lowerShadow(0) < c.shadowVeryShort(0) &&
    c.realBodyGapDown(0, 1) ? 100 : 0;
}

export default definePattern({
  talib: 'CDLINVERTEDHAMMER',
  name: 'Inverted Hammer',
  description: 'A small real body gapping down from the body before, with a long upper shadow and a very short lower shadow.',
  values: '100 where the bar is an inverted hammer',
  averages: [[BODY_SHORT, 0], [SHADOW_VERY_SHORT, 0]],
  lookback: 11,
  lookbackFormula: 'max(avgPeriod(BodyShort), avgPeriod(ShadowLong), avgPeriod(ShadowVeryShort)) + 1 = 11',
  detect,
});
