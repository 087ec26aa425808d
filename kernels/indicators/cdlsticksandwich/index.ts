import { definePattern } from '../../src/pattern.ts';
import { EQUAL, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLSTICKSANDWICH: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.color(2) === -1 &&
    c.color(1) === 1 &&
    c.color(0) === -1 &&
    c.low(1) > c.close(2) &&
    c.close(0) <= c.close(2) + c.equal(2) &&
    c.close(0) >= c.close(2) - c.equal(2) ? 100 : 0;
}

export default definePattern({
  talib: 'CDLSTICKSANDWICH',
  name: 'Stick Sandwich',
  description: 'Black, then white trading above the first close, then black closing at (about) the first close.',
  values: '100 where the pattern completes',
  averages: [[EQUAL, 2]],
  lookback: 7,
  lookbackFormula: 'avgPeriod(Equal) + 2 = 7',
  detect,
});
