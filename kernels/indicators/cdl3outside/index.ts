import { definePattern } from '../../src/pattern.ts';
import { type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDL3OUTSIDE: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  if ((c.color(1) === 1 && c.color(2) === -1 &&
       c.close(1) > c.open(2) && c.open(1) < c.close(2) &&
       c.close(0) > c.close(1)) ||
      (c.color(1) === -1 && c.color(2) === 1 &&
       c.open(1) > c.close(2) && c.close(1) < c.open(2) &&
       c.close(0) < c.close(1))) return c.color(1) * 100;
  return 0;
}

export default definePattern({
  talib: 'CDL3OUTSIDE',
  name: 'Three Outside Up/Down',
  description: 'An engulfing pattern, then a third candle closing beyond the engulfing one.',
  values: '+100 three outside up, -100 three outside down',
  averages: [],
  lookback: 3,
  lookbackFormula: '3',
  notes: ["TA-Lib's lookback is 3 although the pattern reads three candles (2 would do)."],
  detect,
});
