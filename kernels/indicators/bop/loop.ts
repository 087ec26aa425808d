import type { LoopKernel } from '../../src/loop.ts';
import { TA_EPSILON } from '../../src/reference/common.ts';

/**
 * BOP bar by bar on the caller's arrays (a memory-bound loop, see src/loop.ts). The ratio can hide a
 * non-finite input (an infinite range gives 0), so the check sums the range and the body instead.
 */
export const bopLoop: LoopKernel = (inputs, outputs) => {
  const open = inputs[0]!, high = inputs[1]!, low = inputs[2]!, close = inputs[3]!;
  const out = outputs[0]!;
  let check = 0;
  for (let i = 0; i < out.length; i++) {
    const range = high[i]! - low[i]!;
    const body = close[i]! - open[i]!;
    const both = range + body;
    check += both - both;
    out[i] = range < TA_EPSILON ? 0.0 : body / range;
  }
  return check === 0;
};
