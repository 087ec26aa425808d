import { streamKernel } from '../../src/define.ts';
import { dxAdvance, dxFieldsInit, dxFieldsRelations, dxFieldsSpec, dxValue, type DxFields } from '../../src/reference/directional.ts';
import { real, stillZero } from '../../src/state.ts';

interface DxState extends DxFields {
  /** The last output (0 before the first). */
  dx: number;
}

/**
 * TA-Lib DX: the Wilder sums of ADX; from bar `period` on, 100 * |-DI - +DI| / (-DI + +DI). Where
 * TR or the DI sum is below 1e-14 the first output is 0 and later ones repeat the previous output.
 */
export const dxStream = streamKernel<DxState>({
  init: () => ({ ...dxFieldsInit(), dx: 0 }),
  spec: () => ({ ...dxFieldsSpec(), dx: real(0, 100) }),
  relations: (s, p) => dxFieldsRelations(s) ?? (s.bars <= p.period! ? stillZero(s, ['dx'], 'before the first output') : undefined),
  update(s, bar, out, p) {
    const bars = dxAdvance(s, bar[0]!, bar[1]!, bar[2]!, p.period!);
    if (bars <= p.period!) {
      out[0] = NaN;
      return;
    }
    // s.dx is still 0 at the first output (see relations).
    if (!Number.isNaN(dxValue)) s.dx = dxValue;
    out[0] = s.dx;
  },
});
