import { fillLookback, resumInterval, sumRange } from '../../src/reference/common.ts';
import type { Params } from '../../src/types.ts';

/** TA-Lib SMA: add the new value, emit total / period, subtract the oldest; re-summed periodically. */
export function smaReference(inputs: readonly Float64Array[], outputs: Float64Array[], params: Params): void {
  const x = inputs[0]!;
  const out = outputs[0]!;
  const period = params.period!;
  const n = x.length;
  const lookback = period - 1;
  fillLookback(outputs, lookback);
  if (n <= lookback) return;
  const every = resumInterval(period);
  let total = 0;
  for (let i = lookback; i < n; i++) {
    if ((i - lookback) % every === 0) {
      total = sumRange(x, i - lookback, i + 1);
    } else {
      total += x[i]!;
    }
    out[i] = total / period;
    total -= x[i - lookback]!;
  }
}
