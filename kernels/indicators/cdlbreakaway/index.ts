import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLBREAKAWAY: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  if (c.realBody(4) > c.bodyLong(4) &&
      c.color(4) === c.color(3) &&
      c.color(3) === c.color(1) &&
      c.color(1) === -c.color(0) &&
      ((c.color(4) === -1 &&
        c.realBodyGapDown(3, 4) &&
        c.high(2) < c.high(3) && c.low(2) < c.low(3) &&
        c.high(1) < c.high(2) && c.low(1) < c.low(2) &&
        c.close(0) > c.open(3) && c.close(0) < c.close(4)) ||
       (c.color(4) === 1 &&
        c.realBodyGapUp(3, 4) &&
        c.high(2) > c.high(3) && c.low(2) > c.low(3) &&
        c.high(1) > c.high(2) && c.low(1) > c.low(2) &&
        c.close(0) < c.open(3) && c.close(0) > c.close(4)))) return c.color(0) * 100;
  return 0;
}

export default definePattern({
  talib: 'CDLBREAKAWAY',
  name: 'Breakaway',
  description: 'A long candle, a gap in its direction, two more candles continuing, then a candle of the other colour closing inside the gap.',
  values: '+100 bullish, -100 bearish',
  averages: [[BODY_LONG, 4]],
  lookback: 14,
  lookbackFormula: 'avgPeriod(BodyLong) + 4 = 14',
  notes: ["The third candle's colour is not checked (TA-Lib)."],
  detect,
});
