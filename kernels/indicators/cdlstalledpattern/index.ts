import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, BODY_SHORT, SHADOW_VERY_SHORT, NEAR, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLSTALLEDPATTERN: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.color(2) === 1 &&
    c.color(1) === 1 &&
    c.color(0) === 1 &&
    c.close(0) > c.close(1) && c.close(1) > c.close(2) &&
    c.realBody(2) > c.bodyLong(2) &&
    c.realBody(1) > c.bodyLong(1) &&
    c.upperShadow(1) < c.shadowVeryShort(1) &&
    c.open(1) > c.open(2) &&
    c.open(1) <= c.close(2) + c.near(2) &&
    c.realBody(0) < c.bodyShort(0) &&
    c.open(0) >= c.close(1) - c.realBody(0) - c.near(1) ? -100 : 0;
}

export default definePattern({
  talib: 'CDLSTALLEDPATTERN',
  name: 'Stalled Pattern',
  description: 'Two long white candles advancing, then a short white one opening near the second close (riding on its shoulder).',
  values: '-100 where the pattern completes',
  averages: [[BODY_LONG, 2], [BODY_LONG, 1], [BODY_SHORT, 0], [SHADOW_VERY_SHORT, 1], [NEAR, 2], [NEAR, 1]],
  lookback: 12,
  lookbackFormula: 'max(avgPeriod(BodyLong), avgPeriod(BodyShort), avgPeriod(ShadowVeryShort), avgPeriod(Near)) + 2 = 12',
  detect,
});
