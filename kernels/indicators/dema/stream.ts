import { streamKernel } from '../../src/define.ts';
import { emaChainInit, emaChainRelations, emaChainSpec, emaChainUpdate, type EmaChainState } from '../../src/reference/ma.ts';

/** TA-Lib DEMA: 2 * EMA(x) - EMA(EMA(x)), each EMA seeded with the mean of its first `period` inputs. */
export const demaStream = streamKernel<EmaChainState>({
  init: () => emaChainInit(2),
  spec: (p) => emaChainSpec(2, p.period!),
  relations: (s, p, bars) => emaChainRelations(s, p.period!, bars),
  update(s, bar, out, p) {
    if (!emaChainUpdate(s, bar[0]!, p.period!)) {
      out[0] = NaN;
      return;
    }
    out[0] = 2.0 * s.ema[0]! - s.ema[1]!;
  },
});
