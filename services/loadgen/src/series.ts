import type { Rng } from './rng.ts';

/**
 * A plausible close-price series: a geometric random walk (daily volatility about 1.5%) starting
 * at 100, rounded to cents like real quotes.
 */
export function priceSeries(rng: Rng, n: number): Float64Array {
  const out = new Float64Array(n);
  let price = 100;
  for (let i = 0; i < n; i++) {
    // Sum of uniforms: a cheap, bounded approximation of a normal shock.
    const shock = (rng() + rng() + rng() - 1.5) * 0.03;
    price = Math.max(0.01, price * (1 + shock));
    out[i] = Math.round(price * 100) / 100;
  }
  return out;
}

/** The binary request layout: little-endian float64 values. */
export function toBinary(values: Float64Array): Buffer {
  const buf = Buffer.allocUnsafe(values.length * 8);
  for (let i = 0; i < values.length; i++) buf.writeDoubleLE(values[i]!, i * 8);
  return buf;
}

/** The series an indicator may read: OHLCV bars around a close walk, and two walks for BETA and CORREL. */
export type InputName = 'open' | 'high' | 'low' | 'close' | 'volume' | 'real0' | 'real1';

/** Bars around `close`: open at the previous close, high and low up to 0.5% beyond, volume in lots. */
export function barsAround(rng: Rng, close: Float64Array): Record<InputName, Float64Array> {
  const n = close.length;
  const open = new Float64Array(n), high = new Float64Array(n), low = new Float64Array(n), volume = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i === 0 ? close[0]! : close[i - 1]!;
    open[i] = o;
    high[i] = Math.round(Math.max(o, close[i]!) * (1 + rng() * 0.005) * 100) / 100;
    low[i] = Math.round(Math.min(o, close[i]!) * (1 - rng() * 0.005) * 100) / 100;
    volume[i] = 100 * (1 + Math.floor(rng() * 1_000));
  }
  return { open, high, low, close, volume, real0: close, real1: priceSeries(rng, n) };
}
