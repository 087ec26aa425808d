/** MACD as a plain loop: TA-Lib's seeding (both EMAs start at bar slow - 1), then the signal EMA. */
export function macdLoop(close: Float64Array, macd: Float64Array, signal: Float64Array, hist: Float64Array, fast: number, slow: number, signalPeriod: number): void {
  const n = close.length;
  const lookback = slow - 1 + signalPeriod - 1;
  for (let i = 0; i < lookback && i < n; i++) macd[i] = signal[i] = hist[i] = NaN;
  if (n <= lookback) return;
  const kFast = 2 / (fast + 1);
  const kSlow = 2 / (slow + 1);
  const kSignal = 2 / (signalPeriod + 1);
  let eSlow = 0;
  let eFast = 0;
  for (let i = 0; i < slow; i++) eSlow += close[i]!;
  for (let i = slow - fast; i < slow; i++) eFast += close[i]!;
  eSlow /= slow;
  eFast /= fast;
  let sig = eFast - eSlow;
  for (let i = slow; i < slow - 1 + signalPeriod; i++) {
    eSlow = (close[i]! - eSlow) * kSlow + eSlow;
    eFast = (close[i]! - eFast) * kFast + eFast;
    sig += eFast - eSlow;
  }
  sig /= signalPeriod;
  macd[lookback] = eFast - eSlow;
  signal[lookback] = sig;
  hist[lookback] = eFast - eSlow - sig;
  for (let i = lookback + 1; i < n; i++) {
    const x = close[i]!;
    eSlow = (x - eSlow) * kSlow + eSlow;
    eFast = (x - eFast) * kFast + eFast;
    const m = eFast - eSlow;
    sig = (m - sig) * kSignal + sig;
    macd[i] = m;
    signal[i] = sig;
    hist[i] = m - sig;
  }
}
