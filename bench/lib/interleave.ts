import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { median } from './measure.ts';

export interface Contender {
  name: string;
  fn: () => unknown;
}

export interface Timing {
  /** Median ns per element over the rounds. */
  median: number;
  p25: number;
  p75: number;
  samples: number;
}

export interface InterleaveOptions {
  /** Each sample lasts at least this long (a call longer than this is one sample). */
  sampleMs: number;
  /** Samples per contender; one round takes one sample of each contender in turn. */
  rounds: number;
  /** Warm-up per contender before calibration (JIT, caches, lazy initialisation). */
  warmupMs: number;
  /**
   * Collect garbage, untimed, before each sample (needs --expose-gc). Off by default: calls run back
   * to back and every contender pays for the collections its allocations drive, as its users do.
   * On, it hides the cost of allocating outputs: a secondary figure at most.
   */
  collectBeforeSample?: boolean;
}

const gc = (globalThis as { gc?: (options?: { type: 'major' | 'minor' }) => void }).gc;

/** Heap growth since the last full collection past which the next sample is preceded by a full one. */
export const FULL_GC_AFTER_BYTES = 32 * 2 ** 20;
let heapAfterFullGc = 0;

/**
 * Untimed garbage collection before a sample (with --expose-gc): the young generation every time
 * (well under a millisecond), and a full collection (tens of ms on a large heap) only when the heap
 * has grown by FULL_GC_AFTER_BYTES since the last one, so that one contender's old garbage (large
 * outputs) is not collected on another's clock and small contenders do not pay for full collections.
 */
function collect(): void {
  if (!gc) return;
  if (getHeapStatistics().used_heap_size > heapAfterFullGc + FULL_GC_AFTER_BYTES) {
    gc();
    heapAfterFullGc = getHeapStatistics().used_heap_size;
  } else {
    gc({ type: 'minor' });
  }
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Median ns per element of each contender, sampled in rounds: every round takes one sample of each
 * contender, starting from a different one each round, so a burst of load on a shared machine lands
 * on all of them rather than on whichever ran during it. Each sample is a batch of back-to-back calls
 * lasting at least `sampleMs`, so a contender pays for the garbage collections its own allocations
 * drive (with `collectBeforeSample`, they are collected untimed before each sample instead).
 */
export function interleaved(contenders: readonly Contender[], elements: number, opts: InterleaveOptions): { timings: Map<string, Timing>; failures: Map<string, string> } {
  // A contender that throws (e.g. a peer running out of its fixed memory) is dropped, with the reason.
  const failures = new Map<string, string>();
  const guard = <T>(c: Contender, f: () => T): T | undefined => {
    if (failures.has(c.name)) return undefined;
    try {
      return f();
    } catch (err) {
      failures.set(c.name, (err as Error).message.split('\n')[0]!);
      return undefined;
    }
  };
  const batches = contenders.map((c) => guard(c, () => {
    const warmEnd = performance.now() + opts.warmupMs;
    let calls = 0;
    while (calls < 1 || performance.now() < warmEnd) {
      c.fn();
      calls++;
    }
    let batch = 1;
    for (;;) {
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) c.fn();
      const dt = performance.now() - t0;
      if (dt >= opts.sampleMs) break;
      batch = Math.max(batch * 2, Math.ceil((batch * opts.sampleMs) / Math.max(dt, 0.01)));
    }
    return batch;
  }));
  const samples: number[][] = contenders.map(() => []);
  for (let r = 0; r < opts.rounds; r++) {
    for (let j = 0; j < contenders.length; j++) {
      const k = (j + r) % contenders.length;
      const c = contenders[k]!;
      const batch = batches[k];
      if (batch === undefined || failures.has(c.name)) continue;
      if (opts.collectBeforeSample) collect();
      guard(c, () => {
        const t0 = performance.now();
        for (let i = 0; i < batch; i++) c.fn();
        samples[k]!.push(((performance.now() - t0) * 1e6) / (batch * elements));
      });
    }
  }
  const timings = new Map(
    contenders
      .filter((c) => !failures.has(c.name))
      .map((c) => {
        const s = [...samples[contenders.indexOf(c)]!].sort((a, b) => a - b);
        return [c.name, { median: median(s), p25: quantile(s, 0.25), p75: quantile(s, 0.75), samples: s.length }];
      }),
  );
  return { timings, failures };
}
