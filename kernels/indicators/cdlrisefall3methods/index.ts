import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, BODY_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLRISEFALL3METHODS: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.realBody(4) > c.bodyLong(4) &&
    c.realBody(3) < c.bodyShort(3) &&
    c.realBody(2) < c.bodyShort(2) &&
    c.realBody(1) < c.bodyShort(1) &&
    c.realBody(0) > c.bodyLong(0) &&
    c.color(4) === -c.color(3) &&
    c.color(3) === c.color(2) &&
    c.color(2) === c.color(1) &&
    c.color(1) === -c.color(0) &&
    c.bodyBottom(3) < c.high(4) && c.bodyTop(3) > c.low(4) &&
    c.bodyBottom(2) < c.high(4) && c.bodyTop(2) > c.low(4) &&
    c.bodyBottom(1) < c.high(4) && c.bodyTop(1) > c.low(4) &&
    c.close(2) * c.color(4) < c.close(3) * c.color(4) &&
    c.close(1) * c.color(4) < c.close(2) * c.color(4) &&
    c.open(0) * c.color(4) > c.close(1) * c.color(4) &&
    c.close(0) * c.color(4) > c.close(4) * c.color(4) ? 100 * c.color(4) : 0;
}

export default definePattern({
  talib: 'CDLRISEFALL3METHODS',
  name: 'Rising/Falling Three Methods',
  description: 'A long candle, three short candles of the other colour drifting against it within its range, then a long candle of the first colour closing beyond the first close.',
  values: '+100 rising, -100 falling',
  averages: [[BODY_LONG, 4], [BODY_SHORT, 3], [BODY_SHORT, 2], [BODY_SHORT, 1], [BODY_LONG, 0]],
  lookback: 14,
  lookbackFormula: 'max(avgPeriod(BodyShort), avgPeriod(BodyLong)) + 4 = 14',
  detect,
});
