import { streamKernel } from '../../src/define.ts';
import { rsiInit, rsiRelations, rsiSpec, rsiStep, type RsiState } from '../../src/reference/rsi.ts';

/** TA-Lib RSI: Wilder averages of gains and losses, 100 * gain / (gain + loss), 0 when both vanish. */
export const rsiStream = streamKernel<RsiState>({
  init: rsiInit,
  spec: rsiSpec,
  relations: rsiRelations,
  update(s, bar, out, p) {
    out[0] = rsiStep(s, bar[0]!, p.period!);
  },
});
