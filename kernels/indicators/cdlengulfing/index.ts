import { definePattern } from '../../src/pattern.ts';
import { type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLENGULFING: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  if ((c.color(0) === 1 && c.color(1) === -1 &&
       ((c.close(0) >= c.open(1) && c.open(0) < c.close(1)) ||
        (c.close(0) > c.open(1) && c.open(0) <= c.close(1)))) ||
      (c.color(0) === -1 && c.color(1) === 1 &&
       ((c.open(0) >= c.close(1) && c.close(0) < c.open(1)) ||
        (c.open(0) > c.close(1) && c.close(0) <= c.open(1))))) {
    if (c.open(0) !== c.close(1) && c.close(0) !== c.open(1)) return c.color(0) * 100;
    return c.color(0) * 80;
  }
  return 0;
}

export default definePattern({
  talib: 'CDLENGULFING',
  name: 'Engulfing Pattern',
  description: 'A candle whose real body engulfs the opposite-coloured body before it.',
  values: "+100 bullish, -100 bearish; +80/-80 when an open or close equals the other candle's (TA-Lib 0.6)",
  averages: [],
  lookback: 2,
  lookbackFormula: '2',
  notes: ["TA-Lib's lookback is 2 although the pattern reads only two candles.", 'Engulfing with an equal open or close (body edges touching) gives plus or minus 80, as TA-Lib 0.6 does.'],
  detect,
});
