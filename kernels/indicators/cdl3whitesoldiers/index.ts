import { definePattern } from '../../src/pattern.ts';
import { BODY_SHORT, SHADOW_VERY_SHORT, NEAR, FAR, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDL3WHITESOLDIERS: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.color(2) === 1 &&
    c.upperShadow(2) < c.shadowVeryShort(2) &&
    c.color(1) === 1 &&
    c.upperShadow(1) < c.shadowVeryShort(1) &&
    c.color(0) === 1 &&
    c.upperShadow(0) < c.shadowVeryShort(0) &&
    c.close(0) > c.close(1) && c.close(1) > c.close(2) &&
    c.open(1) > c.open(2) &&
    c.open(1) <= c.close(2) + c.near(2) &&
    c.open(0) > c.open(1) &&
    c.open(0) <= c.close(1) + c.near(1) &&
    c.realBody(1) > c.realBody(2) - c.far(2) &&
    c.realBody(0) > c.realBody(1) - c.far(1) &&
    c.realBody(0) > c.bodyShort(0) ? 100 : 0;
}

export default definePattern({
  talib: 'CDL3WHITESOLDIERS',
  name: 'Three Advancing White Soldiers',
  description: 'Three white candles with very short upper shadows, each opening within or near the body before and closing higher, none much shorter than the one before.',
  values: '100 where the pattern completes',
  averages: [[SHADOW_VERY_SHORT, 2], [SHADOW_VERY_SHORT, 1], [SHADOW_VERY_SHORT, 0], [NEAR, 2], [NEAR, 1], [FAR, 2], [FAR, 1], [BODY_SHORT, 0]],
  lookback: 12,
  lookbackFormula: 'max(avgPeriod(ShadowVeryShort), avgPeriod(BodyShort), avgPeriod(Far), avgPeriod(Near)) + 2 = 12',
  detect,
});
