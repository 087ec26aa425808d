import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, BODY_SHORT, BODY_DOJI, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLABANDONEDBABY: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles, penetration: number): number {
  if (c.realBody(2) > c.bodyLong(2) &&
      c.realBody(1) <= c.bodyDoji(1) &&
      c.realBody(0) > c.bodyShort(0) &&
      ((c.color(2) === 1 &&
        c.color(0) === -1 &&
        c.close(0) < c.close(2) - c.realBody(2) * penetration &&
        c.candleGapUp(1, 2) &&
        c.candleGapDown(0, 1)) ||
       (c.color(2) === -1 &&
        c.color(0) === 1 &&
        c.close(0) > c.close(2) + c.realBody(2) * penetration &&
        c.candleGapDown(1, 2) &&
        c.candleGapUp(0, 1)))) return c.color(0) * 100;
  return 0;
}

export default definePattern({
  talib: 'CDLABANDONEDBABY',
  name: 'Abandoned Baby',
  description: "A long candle, a doji gapping away from it (shadows included), then a candle gapping back the other way and closing well into the first candle's body (by `penetration` of it).",
  values: '+100 bullish, -100 bearish',
  averages: [[BODY_LONG, 2], [BODY_DOJI, 1], [BODY_SHORT, 0]],
  lookback: 12,
  lookbackFormula: 'max(avgPeriod(BodyDoji), avgPeriod(BodyLong), avgPeriod(BodyShort)) + 2 = 12',
  penetration: 0.3,
  detect,
});
