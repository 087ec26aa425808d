import { definePattern } from '../../src/pattern.ts';
import { SHADOW_VERY_SHORT, type Candles } from '../../src/reference/candles.ts';

/** TA-Lib CDLLADDERBOTTOM: the test of the last candle (c.i) and the ones before it. */
function detect(c: Candles): number {
  return c.color(4) === -1 && c.color(3) === -1 && c.color(2) === -1 &&
    c.open(4) > c.open(3) && c.open(3) > c.open(2) &&
    c.close(4) > c.close(3) && c.close(3) > c.close(2) &&
    c.color(1) === -1 &&
    c.upperShadow(1) > c.shadowVeryShort(1) &&
    c.color(0) === 1 &&
    c.open(0) > c.open(1) &&
    c.close(0) > c.high(1) ? 100 : 0;
}

export default definePattern({
  talib: 'CDLLADDERBOTTOM',
  name: 'Ladder Bottom',
  description: 'Three black candles with lower opens and closes, a fourth black one with an upper shadow, then a white candle opening above the fourth open and closing above its high.',
  values: '100 where the pattern completes',
  averages: [[SHADOW_VERY_SHORT, 1]],
  lookback: 14,
  lookbackFormula: 'avgPeriod(ShadowVeryShort) + 4 = 14',
  detect,
});
