import { streamKernel } from '../../src/define.ts';
import { adxFieldsInit, adxFieldsRelations, adxFieldsSpec, adxStep, type AdxFields } from '../../src/reference/directional.ts';

/**
 * TA-Lib ADX: +DM, -DM and TR summed over the first period - 1 moves, then Wilder sums; DX = 100 *
 * |-DI - +DI| / (-DI + +DI). The first ADX is the mean of the first `period` DX values (bar 2 * period - 1),
 * then adx = (adx * (period - 1) + dx) / period. A bar whose TR or DI sum is (near) zero contributes no
 * DX: it adds nothing to the first mean (still divided by `period`) and later leaves the ADX unchanged.
 */
export const adxStream = streamKernel<AdxFields>({
  init: adxFieldsInit,
  spec: (p) => adxFieldsSpec(p.period!),
  relations: (s, p) => adxFieldsRelations(s, p.period!),
  update(s, bar, out, p) {
    out[0] = adxStep(s, bar[0]!, bar[1]!, bar[2]!, p.period!);
  },
});
