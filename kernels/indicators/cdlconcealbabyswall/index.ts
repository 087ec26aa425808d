import { definePattern } from '../../src/pattern.ts';
import { SHADOW_VERY_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLCONCEALBABYSWALL: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.color(3) === -1 &&
    c.color(2) === -1 &&
    c.color(1) === -1 &&
    c.color(0) === -1 &&
    c.lowerShadow(3) < c.shadowVeryShort(3) &&
    c.upperShadow(3) < c.shadowVeryShort(3) &&
    c.lowerShadow(2) < c.shadowVeryShort(2) &&
    c.upperShadow(2) < c.shadowVeryShort(2) &&
    c.realBodyGapDown(1, 2) &&
    c.upperShadow(1) > c.shadowVeryShort(1) &&
    c.high(1) > c.close(2) &&
    c.high(0) > c.high(1) && c.low(0) < c.low(1) ? 100 : 0;
}

export default definePattern({
  talib: 'CDLCONCEALBABYSWALL',
  name: 'Concealing Baby Swallow',
  description: 'Two black marubozu, a black candle gapping down with an upper shadow reaching into the second body, then a black candle engulfing the third, shadows included.',
  values: '100 where the pattern completes',
  averages: [[SHADOW_VERY_SHORT, 3], [SHADOW_VERY_SHORT, 2], [SHADOW_VERY_SHORT, 1]],
  lookback: 13,
  lookbackFormula: 'avgPeriod(ShadowVeryShort) + 3 = 13',
  detect,
});
