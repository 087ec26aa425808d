import { definePattern } from '../../src/pattern.ts';
import { BODY_DOJI, NEAR, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLRICKSHAWMAN: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.realBody(0) <= c.bodyDoji(0) &&
    c.lowerShadow(0) > c.shadowLong(0) &&
    c.upperShadow(0) > c.shadowLong(0) &&
    c.bodyBottom(0) <= c.low(0) + c.highLowRange(0) / 2 + c.near(0) &&
    c.bodyTop(0) >= c.low(0) + c.highLowRange(0) / 2 - c.near(0) ? 100 : 0;
}

export default definePattern({
  talib: 'CDLRICKSHAWMAN',
  name: 'Rickshaw Man',
  description: 'A doji with two long shadows, its body near the middle of the high-low range.',
  values: '100 where the bar is a rickshaw man',
  averages: [[BODY_DOJI, 0], [NEAR, 0]],
  lookback: 10,
  lookbackFormula: 'max(avgPeriod(BodyDoji), avgPeriod(ShadowLong), avgPeriod(Near)) = 10',
  detect,
});
