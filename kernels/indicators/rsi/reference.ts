import { fillLookback, TA_EPSILON } from '../../src/reference/common.ts';
import type { Params } from '../../src/types.ts';

/** TA-Lib RSI: Wilder smoothing of gains and losses, 100 * gain / (gain + loss), 0 when both vanish. */
export function rsiReference(inputs: readonly Float64Array[], outputs: Float64Array[], params: Params): void {
  const x = inputs[0]!;
  const out = outputs[0]!;
  const period = params.period!;
  const n = x.length;
  const lookback = period;
  fillLookback(outputs, lookback);
  if (n <= lookback) return;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = x[i]! - x[i - 1]!;
    if (d < 0) loss -= d;
    else gain += d;
  }
  gain /= period;
  loss /= period;
  out[lookback] = rsiValue(gain, loss);
  for (let i = period + 1; i < n; i++) {
    const d = x[i]! - x[i - 1]!;
    gain *= period - 1;
    loss *= period - 1;
    if (d < 0) loss -= d;
    else gain += d;
    gain /= period;
    loss /= period;
    out[i] = rsiValue(gain, loss);
  }
}

function rsiValue(gain: number, loss: number): number {
  const sum = gain + loss;
  return sum > -TA_EPSILON && sum < TA_EPSILON ? 0 : 100 * (gain / sum);
}
