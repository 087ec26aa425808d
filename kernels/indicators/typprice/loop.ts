import type { LoopKernel } from '../../src/loop.ts';
import { typPrice } from '../../src/reference/price.ts';

/** TYPPRICE bar by bar on the caller's arrays (a memory-bound loop, see src/loop.ts). */
export const typpriceLoop: LoopKernel = (inputs, outputs) => {
  const high = inputs[0]!, low = inputs[1]!, close = inputs[2]!;
  const out = outputs[0]!;
  let check = 0;
  for (let i = 0; i < out.length; i++) {
    const v = typPrice(high[i]!, low[i]!, close[i]!);
    check += v - v;
    out[i] = v;
  }
  return check === 0;
};
