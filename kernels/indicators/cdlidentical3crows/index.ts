import { definePattern } from '../../src/pattern.ts';
import { SHADOW_VERY_SHORT, EQUAL, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLIDENTICAL3CROWS: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.color(2) === -1 &&
    c.lowerShadow(2) < c.shadowVeryShort(2) &&
    c.color(1) === -1 &&
    c.lowerShadow(1) < c.shadowVeryShort(1) &&
    c.color(0) === -1 &&
    c.lowerShadow(0) < c.shadowVeryShort(0) &&
    c.close(2) > c.close(1) &&
    c.close(1) > c.close(0) &&
    c.open(1) <= c.close(2) + c.equal(2) &&
    c.open(1) >= c.close(2) - c.equal(2) &&
    c.open(0) <= c.close(1) + c.equal(1) &&
    c.open(0) >= c.close(1) - c.equal(1) ? -100 : 0;
}

export default definePattern({
  talib: 'CDLIDENTICAL3CROWS',
  name: 'Identical Three Crows',
  description: 'Three black candles with very short lower shadows, each opening at (about) the close before and closing lower.',
  values: '-100 where the pattern completes',
  averages: [[SHADOW_VERY_SHORT, 2], [SHADOW_VERY_SHORT, 1], [SHADOW_VERY_SHORT, 0], [EQUAL, 2], [EQUAL, 1]],
  lookback: 12,
  lookbackFormula: 'max(avgPeriod(ShadowVeryShort), avgPeriod(Equal)) + 2 = 12',
  detect,
});
