import { definePattern } from '../../src/pattern.ts';
import { BODY_LONG, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLDARKCLOUDCOVER: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles, penetration: number): number {
  return c.color(1) === 1 &&
    c.realBody(1) > c.bodyLong(1) &&
    c.color(0) === -1 &&
    c.open(0) > c.high(1) &&
    c.close(0) > c.open(1) &&
    c.close(0) < c.close(1) - c.realBody(1) * penetration ? -100 : 0;
}

export default definePattern({
  talib: 'CDLDARKCLOUDCOVER',
  name: 'Dark Cloud Cover',
  description: 'A long white candle, then a black one opening above its high and closing below its close by more than `penetration` of its body (but above its open).',
  values: '-100 where the pattern completes',
  averages: [[BODY_LONG, 1]],
  lookback: 11,
  lookbackFormula: 'avgPeriod(BodyLong) + 1 = 11',
  penetration: 0.5,
  detect,
});
