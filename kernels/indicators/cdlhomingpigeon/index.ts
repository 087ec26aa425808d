import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, BODY_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLHOMINGPIGEON: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.color(1) === -1 &&
    c.color(0) === -1 &&
    c.realBody(1) > c.bodyLong(1) &&
    c.realBody(0) <= c.bodyShort(0) &&
    c.open(0) < c.open(1) &&
    c.close(0) > c.close(1) ? 100 : 0;
}

export default definePattern({
  talib: 'CDLHOMINGPIGEON',
  name: 'Homing Pigeon',
  description: 'A long black candle, then a short black one whose body lies strictly within it.',
  values: '100 where the pattern completes',
  averages: [[BODY_LONG, 1], [BODY_SHORT, 0]],
  lookback: 11,
  lookbackFormula: 'max(avgPeriod(BodyShort), avgPeriod(BodyLong)) + 1 = 11',
  detect,
});
