/** A deterministic random-walk price series (mulberry32), the shape benchmarks use. */
export function priceSeries(n: number, seed: number): Float64Array {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const x = new Float64Array(n);
  let v = 100;
  for (let i = 0; i < n; i++) {
    v *= 1 + (next() - 0.5) * 0.02;
    x[i] = v;
  }
  return x;
}
