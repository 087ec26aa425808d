import { definePattern } from '../../src/pattern.ts';
import { BODY_DOJI, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLTRISTAR: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  let out = 0;
  if (c.realBody(2) <= c.bodyDoji(2) &&
      c.realBody(1) <= c.bodyDoji(2) &&
      c.realBody(0) <= c.bodyDoji(2)) {
    if (c.realBodyGapUp(1, 2) && c.bodyTop(0) < c.bodyTop(1)) out = -100;
    if (c.realBodyGapDown(1, 2) && c.bodyBottom(0) > c.bodyBottom(1)) out = 100;
  }
  return out;
}

export default definePattern({
  talib: 'CDLTRISTAR',
  name: 'Tristar Pattern',
  description: 'Three dojis, the middle one gapping away from the first, the third turning back.',
  values: '-100 bearish (middle doji gapping up), +100 bullish (gapping down)',
  averages: [[BODY_DOJI, 2]],
  lookback: 12,
  lookbackFormula: 'avgPeriod(BodyDoji) + 2 = 12',
  notes: ["All three dojis are measured against the BodyDoji average of the first one's bars (TA-Lib keeps one total)."],
  detect,
});
