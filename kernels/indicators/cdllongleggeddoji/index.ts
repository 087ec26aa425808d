import { definePattern } from '../../src/pattern.ts';
import { BODY_DOJI, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLLONGLEGGEDDOJI: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.realBody(0) <= c.bodyDoji(0) &&
    (c.lowerShadow(0) > c.shadowLong(0) || c.upperShadow(0) > c.shadowLong(0)) ? 100 : 0;
}

export default definePattern({
  talib: 'CDLLONGLEGGEDDOJI',
  name: 'Long Legged Doji',
  description: 'A doji with a long upper or a long lower shadow (longer than the real body).',
  values: '100 where the bar is a long-legged doji',
  averages: [[BODY_DOJI, 0]],
  lookback: 10,
  lookbackFormula: 'max(avgPeriod(BodyDoji), avgPeriod(ShadowLong)) = 10',
  detect,
});
