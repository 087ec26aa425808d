import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, SHADOW_VERY_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLKICKINGBYLENGTH: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  if (c.color(1) === -c.color(0) &&
      c.realBody(1) > c.bodyLong(1) &&
      c.upperShadow(1) < c.shadowVeryShort(1) &&
      c.lowerShadow(1) < c.shadowVeryShort(1) &&
      c.realBody(0) > c.bodyLong(0) &&
      c.upperShadow(0) < c.shadowVeryShort(0) &&
      c.lowerShadow(0) < c.shadowVeryShort(0) &&
      ((c.color(1) === -1 && c.candleGapUp(0, 1)) ||
       (c.color(1) === 1 && c.candleGapDown(0, 1)))) return (c.realBody(0) > c.realBody(1) ? c.color(0) : c.color(1)) * 100;
  return 0;
}

export default definePattern({
  talib: 'CDLKICKINGBYLENGTH',
  name: 'Kicking - bull/bear determined by the longer marubozu',
  description: 'Kicking, with the direction taken from the longer of the two marubozu.',
  values: '+100 when the longer marubozu is white, -100 when black',
  averages: [[SHADOW_VERY_SHORT, 1], [SHADOW_VERY_SHORT, 0], [BODY_LONG, 1], [BODY_LONG, 0]],
  lookback: 11,
  lookbackFormula: 'max(avgPeriod(ShadowVeryShort), avgPeriod(BodyLong)) + 1 = 11',
  detect,
});
