/** RSI as a plain loop: Wilder averages of gains and losses, seeded with their plain means. */
export function rsiLoop(close: Float64Array, out: Float64Array, period: number): void {
  const n = close.length;
  for (let i = 0; i < period && i < n; i++) out[i] = NaN;
  if (n <= period) return;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = close[i]! - close[i - 1]!;
    if (d < 0) loss -= d;
    else gain += d;
  }
  gain /= period;
  loss /= period;
  out[period] = rsiOf(gain, loss);
  for (let i = period + 1; i < n; i++) {
    const d = close[i]! - close[i - 1]!;
    gain *= period - 1;
    loss *= period - 1;
    if (d < 0) loss -= d;
    else gain += d;
    gain /= period;
    loss /= period;
    out[i] = rsiOf(gain, loss);
  }
}

function rsiOf(gain: number, loss: number): number {
  const sum = gain + loss;
  return sum > -1e-14 && sum < 1e-14 ? 0 : 100 * (gain / sum);
}
