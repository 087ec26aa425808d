import { streamKernel } from '../../src/define.ts';
import { mamaInit, mamaRelations, mamaSpec, mamaUpdate, type MamaState } from '../../src/reference/hilbert.ts';

/** TA-Lib MAMA: the shared reference (src/reference/hilbert.ts) with FAMA as a second output. */
export const mamaStream = streamKernel<MamaState>({
  init: (p) => mamaInit(p.fastLimit!, p.slowLimit!),
  spec: (p) => mamaSpec(p.fastLimit!, p.slowLimit!),
  relations: (s, _p, bars) => mamaRelations(s, bars),
  update(s, bar, out) {
    const mama = mamaUpdate(s, bar[0]!);
    out[0] = mama;
    out[1] = Number.isNaN(mama) ? NaN : s.fama;
  },
});
