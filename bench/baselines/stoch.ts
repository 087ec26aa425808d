/**
 * Slow stochastic as a plain loop: fast %K over the last `fastK` highs and lows (the window scanned
 * each bar), slow %K its SMA over `slowK` values, slow %D the SMA of slow %K over `slowD` values.
 */
export function stochLoop(high: Float64Array, low: Float64Array, close: Float64Array, slowKOut: Float64Array, slowDOut: Float64Array, fastK: number, slowK: number, slowD: number): void {
  const n = close.length;
  const lookback = fastK - 1 + slowK - 1 + slowD - 1;
  for (let i = 0; i < lookback && i < n; i++) slowKOut[i] = slowDOut[i] = NaN;
  if (n <= lookback) return;
  const kRing = new Float64Array(slowK);
  const sRing = new Float64Array(slowD);
  let kSum = 0;
  let sSum = 0;
  for (let i = fastK - 1; i < n; i++) {
    let hi = high[i]!;
    let lo = low[i]!;
    for (let j = i - fastK + 1; j < i; j++) {
      if (high[j]! > hi) hi = high[j]!;
      if (low[j]! < lo) lo = low[j]!;
    }
    const range = (hi - lo) / 100;
    const k = range !== 0 ? (close[i]! - lo) / range : 0;
    const kAt = i - (fastK - 1);
    kSum += k - kRing[kAt % slowK]!;
    kRing[kAt % slowK] = k;
    if (kAt < slowK - 1) continue;
    const sk = kSum / slowK;
    const sAt = kAt - (slowK - 1);
    sSum += sk - sRing[sAt % slowD]!;
    sRing[sAt % slowD] = sk;
    if (sAt < slowD - 1) continue;
    slowKOut[i] = sk;
    slowDOut[i] = sSum / slowD;
  }
}
