import { streamKernel } from '../../src/define.ts';
import { advanceBar, isMinusMove, isPlusMove, isZero, moves, previousBarRelations, previousBarSpec, type PreviousBar } from '../../src/reference/directional.ts';
import { nonNegative, real, stillZero, unless } from '../../src/state.ts';

interface AdxState extends PreviousBar {
  plusDm: number;
  minusDm: number;
  tr: number;
  /** Sum of the first `period` DX values, then the ADX. */
  adx: number;
}

/**
 * TA-Lib ADX: +DM, -DM and TR summed over the first period - 1 moves, then Wilder sums; DX = 100 *
 * |-DI - +DI| / (-DI + +DI). The first ADX is the mean of the first `period` DX values (bar 2 * period - 1),
 * then adx = (adx * (period - 1) + dx) / period. A bar whose TR or DI sum is (near) zero contributes no
 * DX: it adds nothing to the first mean (still divided by `period`) and later leaves the ADX unchanged.
 */
export const adxStream = streamKernel<AdxState>({
  init: () => ({ bars: 0, prevHigh: 0, prevLow: 0, prevClose: 0, plusDm: 0, minusDm: 0, tr: 0, adx: 0 }),
  spec: (p) => ({
    ...previousBarSpec(),
    plusDm: nonNegative(),
    minusDm: nonNegative(),
    tr: nonNegative(),
    // The sum of up to `period` DX values (each at most 100) while seeding, then the ADX.
    adx: real(0, 100 * p.period!),
  }),
  relations: (s, p) =>
    previousBarRelations(s) ??
    (s.bars <= 1 ? stillZero(s, ['plusDm', 'minusDm', 'tr'], 'before the second bar') : undefined) ??
    (s.bars <= p.period! ? stillZero(s, ['adx'], 'before the first DX') : undefined) ??
    (s.bars >= 2 * p.period! ? unless(s.adx <= 100, 'adx', `is an ADX after bar ${2 * p.period! - 1}, so at most 100`) : undefined),
  update(s, bar, out, p) {
    const period = p.period!;
    const bars = advanceBar(s, bar[0]!, bar[1]!, bar[2]!);
    out[0] = NaN;
    if (bars === 1) return;
    const diffP = moves[0]!, diffM = moves[1]!, tr = moves[2]!;
    if (bars <= period) {
      if (isMinusMove(diffP, diffM)) s.minusDm += diffM;
      else if (isPlusMove(diffP, diffM)) s.plusDm += diffP;
      s.tr += tr;
      return;
    }
    s.minusDm -= s.minusDm / period;
    s.plusDm -= s.plusDm / period;
    if (isMinusMove(diffP, diffM)) s.minusDm += diffM;
    else if (isPlusMove(diffP, diffM)) s.plusDm += diffP;
    s.tr = s.tr - s.tr / period + tr;
    let dx = NaN;
    if (!isZero(s.tr)) {
      const minusDi = 100.0 * (s.minusDm / s.tr);
      const plusDi = 100.0 * (s.plusDm / s.tr);
      const sum = minusDi + plusDi;
      if (!isZero(sum)) dx = 100.0 * (Math.abs(minusDi - plusDi) / sum);
    }
    if (bars <= 2 * period) {
      if (!Number.isNaN(dx)) s.adx += dx;
      if (bars < 2 * period) return;
      s.adx /= period;
    } else if (!Number.isNaN(dx)) {
      s.adx = (s.adx * (period - 1) + dx) / period;
    }
    out[0] = s.adx;
  },
});
