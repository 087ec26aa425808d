import { fillLookback, resumInterval, sumRange, sumSquaresRange, TA_EPSILON } from '../../src/reference/common.ts';
import type { Params } from '../../src/types.ts';

/**
 * TA-Lib BBANDS with a simple moving average: middle = SMA, sd = sqrt(mean(x^2) - middle^2)
 * (population), 0 when that variance is below 1e-14; upper = middle + devUp*sd, lower = middle - devDown*sd.
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
  if (n <= lookback) return;
  const every = resumInterval(period);
  let total = 0;
  let total2 = 0;
  for (let i = lookback; i < n; i++) {
    const first = i - lookback;
    if (first % every === 0) {
      total = sumRange(x, first, i + 1);
      total2 = sumSquaresRange(x, first, i + 1);
    } else {
      total += x[i]!;
      total2 += x[i]! * x[i]!;
    }
    const mean = total / period;
    const variance = total2 / period - mean * mean;
    total -= x[first]!;
    total2 -= x[first]! * x[first]!;
    const sd = variance < TA_EPSILON ? 0 : Math.sqrt(variance);
    middle[i] = mean;
    upper[i] = mean + sd * devUp;
    lower[i] = mean - sd * devDown;
  }
}
