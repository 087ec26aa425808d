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
