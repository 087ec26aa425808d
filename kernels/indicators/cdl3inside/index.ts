import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, BODY_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDL3INSIDE: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  if (c.realBody(2) > c.bodyLong(2) &&
      c.realBody(1) <= c.bodyShort(1) &&
      c.bodyTop(1) < c.bodyTop(2) &&
      c.bodyBottom(1) > c.bodyBottom(2) &&
      ((c.color(2) === 1 && c.color(0) === -1 && c.close(0) < c.open(2)) ||
       (c.color(2) === -1 && c.color(0) === 1 && c.close(0) > c.open(2)))) return -c.color(2) * 100;
  return 0;
}

export default definePattern({
  talib: 'CDL3INSIDE',
  name: 'Three Inside Up/Down',
  description: "A long candle, a short one inside its body (harami), then a third closing beyond the first's open.",
  values: '+100 three inside up, -100 three inside down',
  averages: [[BODY_LONG, 2], [BODY_SHORT, 1]],
  lookback: 12,
  lookbackFormula: 'max(avgPeriod(BodyShort), avgPeriod(BodyLong)) + 2 = 12',
  detect,
});
