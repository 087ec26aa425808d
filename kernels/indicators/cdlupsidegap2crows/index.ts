import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, BODY_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLUPSIDEGAP2CROWS: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.color(2) === 1 &&
    c.realBody(2) > c.bodyLong(2) &&
    c.color(1) === -1 &&
    c.realBody(1) <= c.bodyShort(1) &&
    c.realBodyGapUp(1, 2) &&
    c.color(0) === -1 &&
    c.open(0) > c.open(1) && c.close(0) < c.close(1) &&
    c.close(0) > c.close(2) ? -100 : 0;
}

export default definePattern({
  talib: 'CDLUPSIDEGAP2CROWS',
  name: 'Upside Gap Two Crows',
  description: 'A long white candle, a short black one gapping up, then a black one engulfing the second and closing above the first close.',
  values: '-100 where the pattern completes',
  averages: [[BODY_LONG, 2], [BODY_SHORT, 1]],
  lookback: 12,
  lookbackFormula: 'max(avgPeriod(BodyShort), avgPeriod(BodyLong)) + 2 = 12',
  detect,
});
