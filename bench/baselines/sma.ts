/** SMA as a plain loop: the first window summed left to right, then add the newest, subtract the oldest. */
export function smaLoop(close: Float64Array, out: Float64Array, period: number): void {
  const n = close.length;
  const lookback = period - 1;
  for (let i = 0; i < lookback && i < n; i++) out[i] = NaN;
  if (n <= lookback) return;
  let sum = 0;
  for (let i = 0; i < lookback; i++) sum += close[i]!;
  for (let i = lookback; i < n; i++) {
    sum += close[i]!;
    out[i] = sum / period;
    sum -= close[i - lookback]!;
  }
}
