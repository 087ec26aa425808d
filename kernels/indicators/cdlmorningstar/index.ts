import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, BODY_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLMORNINGSTAR: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles, penetration: number): number {
  return c.realBody(2) > c.bodyLong(2) &&
    c.color(2) === -1 &&
    c.realBody(1) <= c.bodyShort(1) &&
    c.realBodyGapDown(1, 2) &&
    c.realBody(0) > c.bodyShort(0) &&
    c.color(0) === 1 &&
    c.close(0) > c.close(2) + c.realBody(2) * penetration ? 100 : 0;
}

export default definePattern({
  talib: 'CDLMORNINGSTAR',
  name: 'Morning Star',
  description: 'A long black candle, a short one whose body gaps down, then a white candle closing well into the first body (by `penetration` of it).',
  values: '100 where the pattern completes',
  averages: [[BODY_LONG, 2], [BODY_SHORT, 1], [BODY_SHORT, 0]],
  lookback: 12,
  lookbackFormula: 'max(avgPeriod(BodyShort), avgPeriod(BodyLong)) + 2 = 12',
  penetration: 0.3,
  detect,
});
