import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDL2CROWS: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.color(2) === 1 &&
    c.realBody(2) > c.bodyLong(2) &&
    c.color(1) === -1 &&
    c.realBodyGapUp(1, 2) &&
    c.color(0) === -1 &&
    c.open(0) < c.open(1) && c.open(0) > c.close(1) &&
    c.close(0) > c.open(2) && c.close(0) < c.close(2) ? -100 : 0;
}

export default definePattern({
  talib: 'CDL2CROWS',
  name: 'Two Crows',
  description: "A long white candle, a black one gapping up above it, then a black one opening within the second's body and closing within the first's.",
  values: '-100 where the pattern completes',
  averages: [[BODY_LONG, 2]],
  lookback: 12,
  lookbackFormula: 'avgPeriod(BodyLong) + 2 = 12',
  detect,
});
