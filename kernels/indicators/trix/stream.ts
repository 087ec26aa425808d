import { streamKernel } from '../../src/define.ts';
import { roc } from '../../src/reference/lag.ts';
import { emaChainInit, emaChainRelations, emaChainSpec, emaChainUpdate, type EmaChainState } from '../../src/reference/ma.ts';
import { int, real, unless } from '../../src/state.ts';

interface TrixState extends EmaChainState {
  /** The triple EMA at the previous bar; `hasPrev` is 1 once there is one. */
  prev: number;
  hasPrev: number;
}

/** TA-Lib TRIX: the one-bar ROC of three chained EMAs, each seeded with the mean of its first `period` inputs. */
export const trixStream = streamKernel<TrixState>({
  init: () => ({ ...emaChainInit(3), prev: 0, hasPrev: 0 }),
  spec: (p) => ({ ...emaChainSpec(3, p.period!), prev: real(), hasPrev: int(0, 1) }),
  relations: (s, p, bars) =>
    emaChainRelations(s, p.period!, bars) ??
    (s.seen[2] !== p.period! ? unless(s.hasPrev === 0 && s.prev === 0, 'hasPrev', 'must be 0 (and prev 0) until the third EMA is seeded') : undefined),
  update(s, bar, out, p) {
    if (!emaChainUpdate(s, bar[0]!, p.period!)) {
      out[0] = NaN;
      return;
    }
    const e3 = s.ema[2]!;
    out[0] = s.hasPrev ? roc(e3, s.prev) : NaN;
    s.prev = e3;
    s.hasPrev = 1;
  },
});
