import { streamKernel } from '../../src/define.ts';
import { emaChainInit, emaChainRelations, emaChainSpec, emaChainUpdate, type EmaChainState } from '../../src/reference/ma.ts';

/** TA-Lib TEMA: e3 + (3 * e1 - 3 * e2) for three chained EMAs, each seeded with the mean of its first `period` inputs. */
export const temaStream = streamKernel<EmaChainState>({
  init: () => emaChainInit(3),
  spec: (p) => emaChainSpec(3, p.period!),
  relations: (s, p, bars) => emaChainRelations(s, p.period!, bars),
  update(s, bar, out, p) {
    if (!emaChainUpdate(s, bar[0]!, p.period!)) {
      out[0] = NaN;
      return;
    }
    out[0] = s.ema[2]! + (3.0 * s.ema[0]! - 3.0 * s.ema[1]!);
  },
});
