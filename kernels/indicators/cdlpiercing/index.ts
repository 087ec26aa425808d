import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLPIERCING: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.color(1) === -1 &&
    c.realBody(1) > c.bodyLong(1) &&
    c.color(0) === 1 &&
    c.realBody(0) > c.bodyLong(0) &&
    c.open(0) < c.low(1) &&
    c.close(0) < c.open(1) &&
    c.close(0) > c.close(1) + c.realBody(1) * 0.5 ? 100 : 0;
}

export default definePattern({
  talib: 'CDLPIERCING',
  name: 'Piercing Pattern',
  description: 'A long black candle, then a long white one opening below its low and closing above its midpoint (but below its open).',
  values: '100 where the pattern completes',
  averages: [[BODY_LONG, 1], [BODY_LONG, 0]],
  lookback: 11,
  lookbackFormula: 'avgPeriod(BodyLong) + 1 = 11',
  detect,
});
