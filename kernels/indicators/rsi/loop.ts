import { fillNaN, finiteRange } from '../../src/loop.ts';
import type { LoopKernel } from '../../src/loop.ts';
import { TA_EPSILON } from '../../src/reference/common.ts';

/** RSI as rsi/stream.ts computes it, over a whole series: two Wilder chains, gains and losses. */
export const rsiLoop: LoopKernel = (inputs, outputs, p) => {
  const x = inputs[0]!;
  const out = outputs[0]!;
  const period = p.period!;
  const n = x.length;
  fillNaN(out, period);
  if (n <= period) return finiteRange(x, 0, n);
  let check = x[0]! - x[0]!;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const v = x[i]!;
    check += v - v;
    const d = v - x[i - 1]!;
    if (d < 0) loss -= d;
    else gain += d;
  }
  gain /= period;
  loss /= period;
  out[period] = rsiOf(gain, loss);
  for (let i = period + 1; i < n; i++) {
    const v = x[i]!;
    check += v - v;
    const d = v - x[i - 1]!;
    gain *= period - 1;
    loss *= period - 1;
    if (d < 0) loss -= d;
    else gain += d;
    gain /= period;
    loss /= period;
    out[i] = rsiOf(gain, loss);
  }
  return check === 0;
};

function rsiOf(gain: number, loss: number): number {
  const sum = gain + loss;
  return sum > -TA_EPSILON && sum < TA_EPSILON ? 0 : 100 * (gain / sum);
}
