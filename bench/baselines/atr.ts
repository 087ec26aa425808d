/** ATR as a plain loop: the true range from bar 1, its plain mean at bar `period`, then Wilder's smoothing. */
export function atrLoop(high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array, period: number): void {
  const n = close.length;
  for (let i = 0; i < period && i < n; i++) out[i] = NaN;
  if (n <= period) return;
  let atr = 0;
  for (let i = 1; i <= period; i++) atr += trueRange(high[i]!, low[i]!, close[i - 1]!);
  atr /= period;
  out[period] = atr;
  for (let i = period + 1; i < n; i++) {
    atr *= period - 1;
    atr += trueRange(high[i]!, low[i]!, close[i - 1]!);
    atr /= period;
    out[i] = atr;
  }
}

function trueRange(high: number, low: number, prevClose: number): number {
  return Math.max(high - low, Math.abs(prevClose - high), Math.abs(prevClose - low));
}
