import { definePattern } from '../../src/pattern.ts';
import { BODY_DOJI, type Candles } from '../../src/reference/candles.ts';

/** A real body no longer than 10% of the average high-low range. */
function detect(c: Candles): number {
  return c.realBody(0) <= c.bodyDoji(0) ? 100 : 0;
}

export default definePattern({
  talib: 'CDLDOJI',
  name: 'Doji',
  description: 'Open and close (nearly) equal: a real body no longer than BodyDoji (10% of the average high-low range of the 10 bars before).',
  values: '100 where the bar is a doji',
  averages: [[BODY_DOJI, 0]],
  lookback: 10,
  lookbackFormula: 'avgPeriod(BodyDoji) = 10',
  detect,
});
