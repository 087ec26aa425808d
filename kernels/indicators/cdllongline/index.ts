import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, SHADOW_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLLONGLINE: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  if (c.realBody(0) > c.bodyLong(0) &&
      c.upperShadow(0) < c.shadowShort(0) &&
      c.lowerShadow(0) < c.shadowShort(0)) return c.color(0) * 100;
  return 0;
}

export default definePattern({
  talib: 'CDLLONGLINE',
  name: 'Long Line Candle',
  description: 'A long real body with short shadows.',
  values: '+100 white, -100 black',
  averages: [[BODY_LONG, 0], [SHADOW_SHORT, 0]],
  lookback: 10,
  lookbackFormula: 'max(avgPeriod(BodyLong), avgPeriod(ShadowShort)) = 10',
  detect,
});
