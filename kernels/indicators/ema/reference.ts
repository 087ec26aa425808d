import { emaK, fillLookback, sumRange } from '../../src/reference/common.ts';
import type { Params } from '../../src/types.ts';

/** TA-Lib EMA: seeded with the SMA of the first `period` values, then e += (x - e) * k. */
export function emaReference(inputs: readonly Float64Array[], outputs: Float64Array[], params: Params): void {
  const x = inputs[0]!;
  const out = outputs[0]!;
  const period = params.period!;
  const n = x.length;
  const lookback = period - 1;
  fillLookback(outputs, lookback);
  if (n <= lookback) return;
  const k = emaK(period);
  let e = sumRange(x, 0, period) / period;
  out[lookback] = e;
  for (let i = period; i < n; i++) {
    e = (x[i]! - e) * k + e;
    out[i] = e;
  }
}
