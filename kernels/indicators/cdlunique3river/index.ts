import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, BODY_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLUNIQUE3RIVER: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.realBody(2) > c.bodyLong(2) &&
    c.color(2) === -1 &&
    c.color(1) === -1 &&
    c.close(1) > c.close(2) && c.open(1) <= c.open(2) &&
    c.low(1) < c.low(2) &&
    c.realBody(0) < c.bodyShort(0) &&
    c.color(0) === 1 &&
    c.open(0) > c.low(1) ? 100 : 0;
}

export default definePattern({
  talib: 'CDLUNIQUE3RIVER',
  name: 'Unique 3 River',
  description: 'A long black candle, a black harami-like candle making a lower low, then a short white candle opening above that low.',
  values: '100 where the pattern completes',
  averages: [[BODY_LONG, 2], [BODY_SHORT, 0]],
  lookback: 12,
  lookbackFormula: 'max(avgPeriod(BodyShort), avgPeriod(BodyLong)) + 2 = 12',
  detect,
});
