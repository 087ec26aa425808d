/**
 * A rolling sum is recomputed from scratch every `resumInterval(period)` outputs, so rounding error
 * cannot accumulate over long series: between two re-sums at most that many additions and
 * subtractions touch the running total. The WebAssembly kernels use the same interval.
 */
export const RESUM_MIN = 1024;

export function resumInterval(period: number): number {
  return Math.max(RESUM_MIN, period);
}

/** Writes NaN into the first `count` elements (clamped to the length) of every output. */
export function fillLookback(outputs: Float64Array[], count: number): void {
  for (const out of outputs) out.fill(NaN, 0, Math.min(count, out.length));
}

/** Sum of `x[from..to)` added left to right, as TA-Lib sums its first window. */
export function sumRange(x: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i]!;
  return sum;
}

/** Sum of squares of `x[from..to)`, left to right. */
export function sumSquaresRange(x: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i]! * x[i]!;
  return sum;
}

/** TA-Lib's smoothing factor for an EMA of `period` (PER_TO_K). */
export function emaK(period: number): number {
  return 2 / (period + 1);
}

/** TA_IS_ZERO / TA_IS_ZERO_OR_NEG threshold of TA-Lib 0.6 (TA_EPSILON). */
export const TA_EPSILON = 1e-14;

/** Bars until a memory decaying by `decay` per bar has shrunk below 1e-10 (the warm-up). */
export function barsToForget(decay: number): number {
  return decay <= 0 ? 0 : Math.ceil(Math.log(1e-10) / Math.log(decay));
}
