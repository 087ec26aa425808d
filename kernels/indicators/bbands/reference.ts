import { fillLookback, resumInterval, sumRange, sumSquaresRange, TA_EPSILON } from '../../src/reference/common.ts';
import type { Params } from '../../src/types.ts';

/**
 * TA-Lib BBANDS with a simple moving average: middle = SMA, sd = sqrt(mean(x^2) - middle^2)
 * (population), 0 when that variance is below 1e-14; upper = middle + devUp*sd, lower = middle - devDown*sd.
 * Both running sums are summed afresh at the start of every block of resumInterval(period) outputs.
 */
export function bbandsReference(inputs: readonly Float64Array[], outputs: Float64Array[], params: Params): void {
  const x = inputs[0]!;
  const [upper, middle, lower] = outputs as [Float64Array, Float64Array, Float64Array];
  const period = params.period!;
  const devUp = params.devUp!;
  const devDown = params.devDown!;
  const n = x.length;
  const lookback = period - 1;
  fillLookback(outputs, lookback);
  const every = resumInterval(period);
  for (let block = lookback; block < n; block += every) {
    const end = Math.min(block + every, n);
    let total = sumRange(x, block - lookback, block);
    let total2 = sumSquaresRange(x, block - lookback, block);
    for (let i = block; i < end; i++) {
      const v = x[i]!;
      const old = x[i - lookback]!;
      total += v;
      total2 += v * v;
      const mean = total / period;
      const variance = total2 / period - mean * mean;
      total -= old;
      total2 -= old * old;
      const sd = variance < TA_EPSILON ? 0 : Math.sqrt(variance);
      middle[i] = mean;
      upper[i] = mean + sd * devUp;
      lower[i] = mean - sd * devDown;
    }
  }
}
