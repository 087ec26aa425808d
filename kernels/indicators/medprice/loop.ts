import type { LoopKernel } from '../../src/loop.ts';
import { medPrice } from '../../src/reference/price.ts';

/** MEDPRICE bar by bar on the caller's arrays (a memory-bound loop, see src/loop.ts). */
export const medpriceLoop: LoopKernel = (inputs, outputs) => {
  const high = inputs[0]!, low = inputs[1]!;
  const out = outputs[0]!;
  let check = 0;
  for (let i = 0; i < out.length; i++) {
    const v = medPrice(high[i]!, low[i]!);
    check += v - v;
    out[i] = v;
  }
  return check === 0;
};
