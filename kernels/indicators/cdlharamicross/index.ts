import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, BODY_DOJI, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLHARAMICROSS: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  if (c.realBody(1) > c.bodyLong(1) &&
      c.realBody(0) <= c.bodyDoji(0)) {
    if (c.bodyTop(0) < c.bodyTop(1) && c.bodyBottom(0) > c.bodyBottom(1)) return -c.color(1) * 100;
    if (c.bodyTop(0) <= c.bodyTop(1) && c.bodyBottom(0) >= c.bodyBottom(1)) return -c.color(1) * 80;
  }
  return 0;
}

export default definePattern({
  talib: 'CDLHARAMICROSS',
  name: 'Harami Cross Pattern',
  description: 'A long candle, then a doji whose body lies within its real body.',
  values: "+100/-100 (opposite to the first candle's colour) when strictly inside, +80/-80 when an edge touches (TA-Lib 0.6)",
  averages: [[BODY_LONG, 1], [BODY_DOJI, 0]],
  lookback: 11,
  lookbackFormula: 'max(avgPeriod(BodyDoji), avgPeriod(BodyLong)) + 1 = 11',
  detect,
});
