/** Deterministic test series (mulberry32), shaped like prices: random walk, flat stretches, gaps, spikes. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Shape {
  name: string;
  make(n: number, seed: number): Float64Array;
}

function walk(n: number, seed: number, start = 100, vol = 0.01): Float64Array {
  const r = rng(seed);
  const x = new Float64Array(n);
  let v = start;
  for (let i = 0; i < n; i++) {
    v *= 1 + (r() - 0.5) * 2 * vol;
    x[i] = v;
  }
  return x;
}

/** A walk with flat stretches, opening gaps and one-bar spikes, scaled by `scale`. */
function rough(n: number, seed: number, scale: number): Float64Array {
  const r = rng(seed ^ 0x9e3779b9);
  const x = walk(n, seed);
  let level = scale; // opening gaps shift every later bar: carried as a running factor
  for (let i = 0; i < n; i++) {
    const u = i === 0 ? 1 : r();
    if (u < 0.03) {
      const len = Math.min(n - i, 1 + Math.floor(r() * 40));
      const flat = x[i - 1]!; // already scaled
      x.fill(flat, i, i + len); // flat stretch
      i += len - 1;
      continue;
    }
    if (u < 0.04) level *= 1 + (r() - 0.5) * 0.2; // opening gap of up to 10%
    x[i] = x[i]! * level;
    if (u >= 0.04 && u < 0.05) x[i] = x[i]! * (r() < 0.5 ? 1.5 : 0.6); // one-bar spike
  }
  return x;
}

export const shapes: readonly Shape[] = [
  { name: 'walk', make: (n, s) => walk(n, s) },
  { name: 'rough', make: (n, s) => rough(n, s, 1) },
  { name: 'tiny (1e-8)', make: (n, s) => rough(n, s, 1e-10) },
  { name: 'huge (1e8)', make: (n, s) => rough(n, s, 1e6) },
  { name: 'flat', make: (n) => new Float64Array(n).fill(42.5) },
];

/**
 * high >= max(open, close), low <= min(open, close), volume > 0, built around a close series; two
 * plain series for the two-series functions: real0 is the close, real1 a series of the same magnitude
 * whose returns follow 0.8 times the close's plus noise (the flat close gives a real1 that still moves);
 * and MAVP's periods (periodSeries).
 */
export function ohlcv(close: Float64Array, seed: number): Record<'open' | 'high' | 'low' | 'close' | 'volume' | 'real0' | 'real1' | 'periods', Float64Array> {
  const r = rng(seed + 17);
  const n = close.length;
  const open = new Float64Array(n), high = new Float64Array(n), low = new Float64Array(n), volume = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = close[i]!;
    const o = i === 0 ? c : close[i - 1]!;
    open[i] = o;
    high[i] = Math.max(o, c) * (1 + r() * 0.01);
    low[i] = Math.min(o, c) * (1 - r() * 0.01);
    volume[i] = Math.round(1000 + r() * 100000);
  }
  const real1 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const move = i === 0 ? 0 : 0.8 * (close[i]! / close[i - 1]! - 1) + (r() - 0.5) * 0.01;
    real1[i] = i === 0 ? close[0]! : real1[i - 1]! * (1 + move);
  }
  return { open, high, low, close, volume, real0: close, real1, periods: periodSeries(n, seed) };
}

/** Periods that TA-Lib's MAVP converts to INT_MIN (then minPeriod) or to values at the int's edge. */
const EDGE_PERIODS = [1e10, -1e10, 2 ** 31, 2 ** 31 - 0.5, -(2 ** 31), 0, -0.5, 1.999999];

/**
 * A period per bar for MAVP (TA-Lib's inPeriods): fractional values from -3 to 45 that hold for a
 * few bars or change every bar, and now and then a value at the int conversion's edges.
 */
export function periodSeries(n: number, seed: number): Float64Array {
  const r = rng(seed + 4099);
  const periods = new Float64Array(n);
  for (let i = 0; i < n; ) {
    const u = r();
    if (u < 0.02) {
      periods[i++] = EDGE_PERIODS[Math.floor(r() * EDGE_PERIODS.length)]!;
      continue;
    }
    const v = -3 + r() * 48;
    const len = u < 0.5 ? 1 : Math.min(n - i, 1 + Math.floor(r() * 15));
    periods.fill(v, i, i + len);
    i += len;
  }
  return periods;
}
