import type { LoopKernel } from '../../src/loop.ts';

/**
 * AD as ad/stream.ts computes it, over a whole series (TA-Lib's running total, bit-exact): compute()'s
 * path on Float64Array inputs, where the WebAssembly kernel would first copy four inputs in. A bar with
 * a NaN range adds nothing, so the check sums the range, close and volume rather than trusting the total.
 */
export const adLoop: LoopKernel = (inputs, outputs) => {
  const high = inputs[0]!, low = inputs[1]!, close = inputs[2]!, volume = inputs[3]!;
  const out = outputs[0]!;
  let ad = 0;
  let check = 0;
  for (let i = 0; i < out.length; i++) {
    const h = high[i]!, l = low[i]!, c = close[i]!, v = volume[i]!;
    const range = h - l;
    const all = range + (c + v);
    check += all - all;
    if (range > 0) ad += ((c - l - (h - c)) / range) * v;
    out[i] = ad;
  }
  return check === 0;
};
