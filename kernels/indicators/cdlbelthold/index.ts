import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, SHADOW_VERY_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLBELTHOLD: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  if (c.realBody(0) > c.bodyLong(0) &&
      ((c.color(0) === 1 && c.lowerShadow(0) < c.shadowVeryShort(0)) ||
       (c.color(0) === -1 && c.upperShadow(0) < c.shadowVeryShort(0)))) return c.color(0) * 100;
  return 0;
}

export default definePattern({
  talib: 'CDLBELTHOLD',
  name: 'Belt-hold',
  description: 'A long candle opening at its extreme: a long real body, and a very short shadow on the opening side (lower for white, upper for black).',
  values: '+100 bullish (white), -100 bearish (black)',
  averages: [[BODY_LONG, 0], [SHADOW_VERY_SHORT, 0]],
  lookback: 10,
  lookbackFormula: 'max(avgPeriod(BodyLong), avgPeriod(ShadowVeryShort)) = 10',
  detect,
});
