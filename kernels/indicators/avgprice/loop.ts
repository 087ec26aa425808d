import type { LoopKernel } from '../../src/loop.ts';
import { avgPrice } from '../../src/reference/price.ts';

/** AVGPRICE bar by bar on the caller's arrays (a memory-bound loop, see src/loop.ts). */
export const avgpriceLoop: LoopKernel = (inputs, outputs) => {
  const open = inputs[0]!, high = inputs[1]!, low = inputs[2]!, close = inputs[3]!;
  const out = outputs[0]!;
  let check = 0;
  for (let i = 0; i < out.length; i++) {
    const v = avgPrice(open[i]!, high[i]!, low[i]!, close[i]!);
    check += v - v;
    out[i] = v;
  }
  return check === 0;
};
