import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, EQUAL, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLCOUNTERATTACK: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  if (c.color(1) === -c.color(0) &&
      c.realBody(1) > c.bodyLong(1) &&
      c.realBody(0) > c.bodyLong(0) &&
      c.close(0) <= c.close(1) + c.equal(1) &&
      c.close(0) >= c.close(1) - c.equal(1)) return c.color(0) * 100;
  return 0;
}

export default definePattern({
  talib: 'CDLCOUNTERATTACK',
  name: 'Counterattack',
  description: 'Two long candles of opposite colours closing at (nearly) the same price.',
  values: '+100 bullish (white last), -100 bearish',
  averages: [[BODY_LONG, 1], [BODY_LONG, 0], [EQUAL, 1]],
  lookback: 11,
  lookbackFormula: 'max(avgPeriod(Equal), avgPeriod(BodyLong)) + 1 = 11',
  detect,
});
