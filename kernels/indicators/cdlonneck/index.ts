import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, EQUAL, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLONNECK: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.color(1) === -1 &&
    c.realBody(1) > c.bodyLong(1) &&
    c.color(0) === 1 &&
    c.open(0) < c.low(1) &&
    c.close(0) <= c.low(1) + c.equal(1) &&
    c.close(0) >= c.low(1) - c.equal(1) ? -100 : 0;
}

export default definePattern({
  talib: 'CDLONNECK',
  name: 'On-Neck Pattern',
  description: 'A long black candle, then a white one opening below its low and closing near its low.',
  values: '-100 where the pattern completes',
  averages: [[EQUAL, 1], [BODY_LONG, 1]],
  lookback: 11,
  lookbackFormula: 'max(avgPeriod(Equal), avgPeriod(BodyLong)) + 1 = 11',
  detect,
});
