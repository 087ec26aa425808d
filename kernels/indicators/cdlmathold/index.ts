import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, BODY_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLMATHOLD: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles, penetration: number): number {
  return c.realBody(4) > c.bodyLong(4) &&
    c.realBody(3) < c.bodyShort(3) &&
    c.realBody(2) < c.bodyShort(2) &&
    c.realBody(1) < c.bodyShort(1) &&
    c.color(4) === 1 &&
    c.color(3) === -1 &&
    c.color(0) === 1 &&
    c.realBodyGapUp(3, 4) &&
    c.bodyBottom(2) < c.close(4) &&
    c.bodyBottom(1) < c.close(4) &&
    c.bodyBottom(2) > c.close(4) - c.realBody(4) * penetration &&
    c.bodyBottom(1) > c.close(4) - c.realBody(4) * penetration &&
    c.bodyTop(2) < c.open(3) &&
    c.bodyTop(1) < c.bodyTop(2) &&
    c.open(0) > c.close(1) &&
    c.close(0) > Math.max(Math.max(c.high(3), c.high(2)), c.high(1)) ? 100 : 0;
}

export default definePattern({
  talib: 'CDLMATHOLD',
  name: 'Mat Hold',
  description: 'A long white candle, a short black one gapping up, two more short candles holding within the first body (not below `penetration` of it), then a white candle closing above their highs.',
  values: '100 where the pattern completes',
  averages: [[BODY_LONG, 4], [BODY_SHORT, 3], [BODY_SHORT, 2], [BODY_SHORT, 1]],
  lookback: 14,
  lookbackFormula: 'max(avgPeriod(BodyShort), avgPeriod(BodyLong)) + 4 = 14',
  penetration: 0.5,
  notes: ['The colours of the third and fourth candles are not checked (TA-Lib).'],
  detect,
});
