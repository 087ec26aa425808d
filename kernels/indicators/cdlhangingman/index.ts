import { definePattern } from '../../src/pattern.ts';
import { BODY_SHORT, SHADOW_VERY_SHORT, NEAR, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLHANGINGMAN: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.realBody(0) < c.bodyShort(0) &&
    c.lowerShadow(0) > c.shadowLong(0) &&
    c.upperShadow(0) < c.shadowVeryShort(0) &&
    c.bodyBottom(0) >= c.high(1) - c.near(1) ? -100 : 0;
}

export default definePattern({
  talib: 'CDLHANGINGMAN',
  name: 'Hanging Man',
  description: 'A small real body near the high of the bar before, a long lower shadow and a very short upper shadow.',
  values: '-100 where the bar is a hanging man',
  averages: [[BODY_SHORT, 0], [SHADOW_VERY_SHORT, 0], [NEAR, 1]],
  lookback: 11,
  lookbackFormula: 'max(avgPeriod(BodyShort), avgPeriod(ShadowLong), avgPeriod(ShadowVeryShort), avgPeriod(Near)) + 1 = 11',
  detect,
});
