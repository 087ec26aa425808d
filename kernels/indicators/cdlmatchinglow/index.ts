import { definePattern } from '../../src/pattern.ts';
import { EQUAL, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLMATCHINGLOW: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.color(1) === -1 &&
    c.color(0) === -1 &&
    c.close(0) <= c.close(1) + c.equal(1) &&
    c.close(0) >= c.close(1) - c.equal(1) ? 100 : 0;
}

export default definePattern({
  talib: 'CDLMATCHINGLOW',
  name: 'Matching Low',
  description: 'Two black candles closing at (nearly) the same price.',
  values: '100 where the pattern completes',
  averages: [[EQUAL, 1]],
  lookback: 6,
  lookbackFormula: 'avgPeriod(Equal) + 1 = 6',
  detect,
});
