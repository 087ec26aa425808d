/** Bollinger Bands as a plain loop: running sums of the closes and of their squares. */
export function bbandsLoop(close: Float64Array, upper: Float64Array, middle: Float64Array, lower: Float64Array, period: number, devUp: number, devDown: number): void {
  const n = close.length;
  const lookback = period - 1;
  for (let i = 0; i < lookback && i < n; i++) upper[i] = middle[i] = lower[i] = NaN;
  if (n <= lookback) return;
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < lookback; i++) {
    sum += close[i]!;
    sum2 += close[i]! * close[i]!;
  }
  for (let i = lookback; i < n; i++) {
    const x = close[i]!;
    sum += x;
    sum2 += x * x;
    const mean = sum / period;
    const variance = sum2 / period - mean * mean;
    const sd = variance < 1e-14 ? 0 : Math.sqrt(variance);
    upper[i] = mean + sd * devUp;
    middle[i] = mean;
    lower[i] = mean - sd * devDown;
    const old = close[i - lookback]!;
    sum -= old;
    sum2 -= old * old;
  }
}
