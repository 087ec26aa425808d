import { avgPeriod, CANDLE_SETTINGS, candleRange, Candles, MARK_NONE } from './reference/candles.ts';
import type { PatternKernel } from './pattern.ts';

/** One pattern to run over a series: its kernel, where its outputs go, its penetration. */
export interface PatternRun {
  kernel: PatternKernel;
  out: Float64Array;
  penetration: number;
}

/**
 * Runs patterns over one series, bar by bar, as TA-Lib's loops do, sharing what they have in common:
 * each candle range (real body, high-low, shadows) is computed once per bar, and each running total
 * once per distinct (range type, period, candle offset, first bar): patterns that keep the same total
 * read the same number, which is exactly the number each would have kept alone (TA-Lib starts a
 * total at the pattern's first bar F as the sum over [F - k - p, F - k), then rolls it by
 * total += range(new) - range(leaving)). Outputs are NaN before each pattern's lookback.
 */
/** The distinct running totals of a set of patterns, and which total each pattern's average reads. */
export interface TotalsPlan {
  /** Per total: range type, period, candle offset k, first bar F. */
  rt: number[];
  p: number[];
  k: number[];
  F: number[];
  /** Per pattern, per average (in its `averages` order): the total's index. */
  slots: number[][];
}

export function planTotals(kernels: readonly PatternKernel[]): TotalsPlan {
  const keyOf = new Map<string, number>();
  const plan: TotalsPlan = { rt: [], p: [], k: [], F: [], slots: [] };
  for (const kernel of kernels) {
    const F = kernel.lookback - kernel.warmup;
    plan.slots.push(kernel.averages.map(([s, k]) => {
      const rt = CANDLE_SETTINGS[s]!.rangeType;
      const p = avgPeriod(s);
      const id = `${rt}:${p}:${k}:${F}`;
      let u = keyOf.get(id);
      if (u === undefined) {
        u = plan.rt.length;
        keyOf.set(id, u);
        plan.rt.push(rt); plan.p.push(p); plan.k.push(k); plan.F.push(F);
      }
      return u;
    }));
  }
  return plan;
}

export function runPatterns(runs: readonly PatternRun[], o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array): void {
  const n = o.length;
  const plan = planTotals(runs.map((r) => r.kernel));
  const { rt: kRt, p: kP, k: kK, F: kF } = plan;
  const usedRanges = [false, false, false];
  for (let u = 0; u < kRt.length; u++) if (kP[u]! > 0) usedRanges[kRt[u]!] = true;
  const candles: Candles[] = [];
  let first = Infinity;
  runs.forEach((run, q) => {
    const { kernel } = run;
    run.out.fill(NaN, 0, Math.min(kernel.lookback, n));
    const cd = new Candles(kernel.averages, plan.slots[q]);
    cd.o = o; cd.h = h; cd.l = l; cd.c = c;
    cd.mem = new Array<number>(kernel.memory).fill(0);
    cd.bars = MARK_NONE;
    candles.push(cd);
    if (n > kernel.lookback) first = Math.min(first, kernel.lookback - kernel.warmup);
  });
  if (first === Infinity) return;
  const ranges = usedRanges.map((used, rt) => {
    if (!used) return undefined;
    const r = new Float64Array(n);
    for (let j = 0; j < n; j++) r[j] = candleRange(rt, o[j]!, h[j]!, l[j]!, c[j]!);
    return r;
  });
  const U = kRt.length;
  const tot = new Float64Array(U);
  for (const cd of candles) cd.tot = tot;
  const R = runs.length;
  for (let i = first; i < n; i++) {
    for (let u = 0; u < U; u++) {
      const p = kP[u]!;
      if (p === 0 || i < kF[u]!) continue;
      const r = ranges[kRt[u]!]!;
      const k = kK[u]!;
      if (i === kF[u]!) {
        let sum = 0;
        for (let j = i - k - p; j < i - k; j++) sum += r[j]!;
        tot[u] = sum;
      } else {
        const a = i - 1 - k;
        tot[u] = tot[u]! + (r[a]! - r[a - p]!);
      }
    }
    for (let q = 0; q < R; q++) {
      const run = runs[q]!;
      const kernel = run.kernel;
      if (n <= kernel.lookback || i < kernel.lookback - kernel.warmup) continue;
      const cd = candles[q]!;
      cd.i = i;
      if (cd.bars < MARK_NONE) cd.bars++;
      const v = kernel.detect(cd, run.penetration);
      if (i >= kernel.lookback) run.out[i] = v;
    }
  }
}
