/** EMA as a plain loop: seeded with the mean of the first `period` closes, then e = (x - e) * k + e. */
export function emaLoop(close: Float64Array, out: Float64Array, period: number): void {
  const n = close.length;
  const lookback = period - 1;
  for (let i = 0; i < lookback && i < n; i++) out[i] = NaN;
  if (n <= lookback) return;
  const k = 2 / (period + 1);
  let e = 0;
  for (let i = 0; i < period; i++) e += close[i]!;
  e /= period;
  out[lookback] = e;
  for (let i = period; i < n; i++) {
    e = (close[i]! - e) * k + e;
    out[i] = e;
  }
}
