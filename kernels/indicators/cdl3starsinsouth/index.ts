import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, BODY_SHORT, SHADOW_VERY_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDL3STARSINSOUTH: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.color(2) === -1 &&
    c.color(1) === -1 &&
    c.color(0) === -1 &&
    c.realBody(2) > c.bodyLong(2) &&
    c.lowerShadow(2) > c.shadowLong(2) &&
    c.realBody(1) < c.realBody(2) &&
    c.open(1) > c.close(2) && c.open(1) <= c.high(2) &&
    c.low(1) < c.close(2) &&
    c.low(1) >= c.low(2) &&
    c.lowerShadow(1) > c.shadowVeryShort(1) &&
    c.realBody(0) < c.bodyShort(0) &&
    c.lowerShadow(0) < c.shadowVeryShort(0) &&
    c.upperShadow(0) < c.shadowVeryShort(0) &&
    c.low(0) > c.low(1) && c.high(0) < c.high(1) ? 100 : 0;
}

export default definePattern({
  talib: 'CDL3STARSINSOUTH',
  name: 'Three Stars In The South',
  description: "Three black candles: a long one with a long lower shadow, a smaller one inside its range with a lower low shadow, then a small marubozu inside the second's range.",
  values: '100 where the pattern completes',
  averages: [[BODY_LONG, 2], [SHADOW_VERY_SHORT, 1], [SHADOW_VERY_SHORT, 0], [BODY_SHORT, 0]],
  lookback: 12,
  lookbackFormula: 'max(avgPeriod(ShadowVeryShort), avgPeriod(ShadowLong), avgPeriod(BodyLong), avgPeriod(BodyShort)) + 2 = 12',
  detect,
});
