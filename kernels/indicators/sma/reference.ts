import { fillLookback, resumInterval, sumRange } from '../../src/reference/common.ts';
import type { Params } from '../../src/types.ts';

/**
 * TA-Lib SMA: add the newest value, emit total / period, subtract the oldest. The total is summed
 * afresh at the start of every block of resumInterval(period) outputs.
 */
export function smaReference(inputs: readonly Float64Array[], outputs: Float64Array[], params: Params): void {
  const x = inputs[0]!;
  const out = outputs[0]!;
  const period = params.period!;
  const n = x.length;
  const lookback = period - 1;
  fillLookback(outputs, lookback);
  const every = resumInterval(period);
  for (let block = lookback; block < n; block += every) {
    const end = Math.min(block + every, n);
    let total = sumRange(x, block - lookback, block);
    for (let i = block; i < end; i++) {
      total += x[i]!;
      out[i] = total / period;
      total -= x[i - lookback]!;
    }
  }
}
