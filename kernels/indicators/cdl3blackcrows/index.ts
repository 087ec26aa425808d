import { definePattern } from '../../src/pattern.ts';
import { SHADOW_VERY_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDL3BLACKCROWS: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.color(3) === 1 &&
    c.color(2) === -1 &&
    c.lowerShadow(2) < c.shadowVeryShort(2) &&
    c.color(1) === -1 &&
    c.lowerShadow(1) < c.shadowVeryShort(1) &&
    c.color(0) === -1 &&
    c.lowerShadow(0) < c.shadowVeryShort(0) &&
    c.open(1) < c.open(2) && c.open(1) > c.close(2) &&
    c.open(0) < c.open(1) && c.open(0) > c.close(1) &&
    c.high(3) > c.close(2) &&
    c.close(2) > c.close(1) &&
    c.close(1) > c.close(0) ? -100 : 0;
}

export default definePattern({
  talib: 'CDL3BLACKCROWS',
  name: 'Three Black Crows',
  description: 'After a white candle, three black candles with very short lower shadows, each opening within the body before and closing lower.',
  values: '-100 where the pattern completes',
  averages: [[SHADOW_VERY_SHORT, 2], [SHADOW_VERY_SHORT, 1], [SHADOW_VERY_SHORT, 0]],
  lookback: 13,
  lookbackFormula: 'avgPeriod(ShadowVeryShort) + 3 = 13',
  notes: ["Reads four candles (the white one before the crows): TA-Lib's lookback is avgPeriod(ShadowVeryShort) + 3."],
  detect,
});
