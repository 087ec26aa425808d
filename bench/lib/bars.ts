import { priceSeries } from './series.ts';

/**
 * Price bars every indicator can read: consistent (low <= open, close <= high), volume > 0; the two
 * series of the two-series indicators (BETA, CORREL): real0 is the close, real1 another walk; and a
 * period per bar for MAVP.
 */
export interface Bars {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  real0: Float64Array;
  real1: Float64Array;
  /** MAVP's period per bar: fractional, 2 to 40, from a third walk. */
  periods: Float64Array;
}

/**
 * Deterministic bars around the random-walk close of `priceSeries(n, seed)`: the open is the previous
 * close, high and low reach up to 0.5% beyond them, the volume is 1000..11000.
 */
export function priceBars(n: number, seed: number): Bars {
  const close = priceSeries(n, seed);
  const noise = priceSeries(3 * n, seed + 7919);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const volume = new Float64Array(n);
  // noise is a walk around 100; its step ratios are uniform in +-1%: map them to [0, 1).
  const u = (i: number) => (i === 0 ? 0.5 : (noise[i]! / noise[i - 1]! - 0.99) / 0.02);
  for (let i = 0; i < n; i++) {
    const o = i === 0 ? close[0]! : close[i - 1]!;
    open[i] = o;
    high[i] = Math.max(o, close[i]!) * (1 + 0.005 * u(3 * i));
    low[i] = Math.min(o, close[i]!) * (1 - 0.005 * u(3 * i + 1));
    volume[i] = Math.round(1000 + 10000 * u(3 * i + 2));
  }
  const walk = priceSeries(n, seed + 15485863);
  const periods = walk.map((w) => 2 + ((w * 997) % 38));
  return { open, high, low, close, volume, real0: close, real1: priceSeries(n, seed + 104729), periods };
}

const FIELDS = ['open', 'high', 'low', 'close', 'volume', 'real0', 'real1', 'periods'] as const;

/**
 * `count` sets of priceBars(n, seed), seeds `firstSeed`, `firstSeed + 1`, ...: each field of all the
 * sets in one block, set s at s * n (views), so that calling on the sets in turn reads memory in
 * order, as one long series would, instead of scattered arrays.
 */
export function priceBarSets(n: number, count: number, firstSeed: number): Bars[] {
  const blocks = Object.fromEntries(FIELDS.map((f) => [f, new Float64Array(n * count)])) as Record<(typeof FIELDS)[number], Float64Array>;
  const sets: Bars[] = [];
  for (let s = 0; s < count; s++) {
    const bars = priceBars(n, firstSeed + s);
    const view = Object.fromEntries(FIELDS.map((f) => {
      blocks[f].set(bars[f], s * n);
      return [f, blocks[f].subarray(s * n, (s + 1) * n)];
    })) as unknown as Bars;
    sets.push(view);
  }
  return sets;
}

/**
 * Benchmarks call each contender on different series in turn, not one series again and again:
 * replayed, a short series' data-dependent branches are memorised by the CPU's branch predictor,
 * which flatters branchy code as no real data would (bench/replay.bench.ts measures it). As many
 * series as keep the inputs within 1 MiB (a core's L2 cache), at most 1,024: the predictor learns a
 * few tens of thousands of branches, so fewer series would be learnt too.
 */
export const SERIES_IN_TURN = { bytes: 2 ** 20, maxSeries: 1_024 } as const;

/** How many series of n bars, `inputs` arrays each, to call in turn (SERIES_IN_TURN). */
export function seriesInTurn(n: number, inputs: number): number {
  return Math.max(1, Math.min(SERIES_IN_TURN.maxSeries, Math.floor(SERIES_IN_TURN.bytes / (n * 8 * inputs))));
}

/** A call on sets[0], sets[1], ... in turn (the next one each call). */
export function inTurn<T>(sets: readonly T[], call: (set: T) => unknown): () => unknown {
  let i = 0;
  return () => {
    const set = sets[i]!;
    i = i + 1 === sets.length ? 0 : i + 1;
    return call(set);
  };
}
