import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, SHADOW_SHORT, NEAR, FAR, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLADVANCEBLOCK: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.color(2) === 1 &&
    c.color(1) === 1 &&
    c.color(0) === 1 &&
    c.close(0) > c.close(1) && c.close(1) > c.close(2) &&
    c.open(1) > c.open(2) &&
    c.open(1) <= c.close(2) + c.near(2) &&
    c.open(0) > c.open(1) &&
    c.open(0) <= c.close(1) + c.near(1) &&
    c.realBody(2) > c.bodyLong(2) &&
    c.upperShadow(2) < c.shadowShort(2) &&
    ((c.realBody(1) < c.realBody(2) - c.far(2) &&
      c.realBody(0) < c.realBody(1) + c.near(1)) ||
     (c.realBody(0) < c.realBody(1) - c.far(1)) ||
     (c.realBody(0) < c.realBody(1) &&
      c.realBody(1) < c.realBody(2) &&
      (c.upperShadow(0) > c.shadowShort(0) ||
       c.upperShadow(1) > c.shadowShort(1))) ||
     (c.realBody(0) < c.realBody(1) &&
      c.upperShadow(0) > c.shadowLong(0))) ? -100 : 0;
}

export default definePattern({
  talib: 'CDLADVANCEBLOCK',
  name: 'Advance Block',
  description: 'Three white candles advancing, each opening within or near the body before, with signs of weakening: shrinking bodies or growing upper shadows.',
  values: '-100 where the pattern completes',
  averages: [[SHADOW_SHORT, 2], [SHADOW_SHORT, 1], [SHADOW_SHORT, 0], [NEAR, 2], [NEAR, 1], [FAR, 2], [FAR, 1], [BODY_LONG, 2]],
  lookback: 12,
  lookbackFormula: 'max(avgPeriod(ShadowLong), avgPeriod(ShadowShort), avgPeriod(Far), avgPeriod(Near), avgPeriod(BodyLong)) + 2 = 12',
  detect,
});
