import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, BODY_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLHARAMI: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  if (c.realBody(1) > c.bodyLong(1) &&
      c.realBody(0) <= c.bodyShort(0)) {
    if (c.bodyTop(0) < c.bodyTop(1) && c.bodyBottom(0) > c.bodyBottom(1)) return -c.color(1) * 100;
    if (c.bodyTop(0) <= c.bodyTop(1) && c.bodyBottom(0) >= c.bodyBottom(1)) return -c.color(1) * 80;
  }
  return 0;
}

export default definePattern({
  talib: 'CDLHARAMI',
  name: 'Harami Pattern',
  description: 'A long candle, then a short one whose real body lies within it.',
  values: "+100/-100 (opposite to the first candle's colour) when strictly inside, +80/-80 when an edge touches (TA-Lib 0.6)",
  averages: [[BODY_LONG, 1], [BODY_SHORT, 0]],
  lookback: 11,
  lookbackFormula: 'max(avgPeriod(BodyShort), avgPeriod(BodyLong)) + 1 = 11',
  detect,
});
