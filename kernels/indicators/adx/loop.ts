// ADX as adx/stream.ts computes it, over a whole series: Wilder sums with a division per bar, serial
// chains (see src/loop.ts).
import { fillNaN, type LoopKernel } from '../../src/loop.ts';
import { allFinite, isMinusMove, isPlusMove, isZero } from '../../src/reference/directional.ts';
import { trueRange } from '../../src/reference/truerange.ts';

export const adxLoop: LoopKernel = (inputs, outputs, p) => {
  const high = inputs[0]!, low = inputs[1]!, close = inputs[2]!;
  const out = outputs[0]!;
  const period = p.period!;
  const n = close.length;
  const first = 2 * period - 1;
  fillNaN(out, first);
  if (n <= first) return allFinite(inputs, n);
  let check = high[0]! - high[0]! + (low[0]! - low[0]!) + (close[n - 1]! - close[n - 1]!);
  let plusDm = 0;
  let minusDm = 0;
  let tr = 0;
  let adx = 0;
  for (let i = 1; i < n; i++) {
    const h = high[i]!, l = low[i]!, c = close[i - 1]!;
    check += h - h + (l - l) + (c - c);
    const diffP = h - high[i - 1]!;
    const diffM = low[i - 1]! - l;
    const range = trueRange(h, l, c);
    if (i < period) {
      if (isMinusMove(diffP, diffM)) minusDm += diffM;
      else if (isPlusMove(diffP, diffM)) plusDm += diffP;
      tr += range;
      continue;
    }
    minusDm -= minusDm / period;
    plusDm -= plusDm / period;
    if (isMinusMove(diffP, diffM)) minusDm += diffM;
    else if (isPlusMove(diffP, diffM)) plusDm += diffP;
    tr = tr - tr / period + range;
    let dx = NaN;
    if (!isZero(tr)) {
      const minusDi = 100.0 * (minusDm / tr);
      const plusDi = 100.0 * (plusDm / tr);
      const sum = minusDi + plusDi;
      if (!isZero(sum)) dx = 100.0 * (Math.abs(minusDi - plusDi) / sum);
    }
    if (i < 2 * period) {
      if (!Number.isNaN(dx)) adx += dx;
      if (i < first) continue;
      adx /= period;
    } else if (!Number.isNaN(dx)) {
      adx = (adx * (period - 1) + dx) / period;
    }
    out[i] = adx;
  }
  return check === 0;
};
