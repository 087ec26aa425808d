import { performance } from 'node:perf_hooks';

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Median nanoseconds per element of `fn`: warm up (JIT, caches), calibrate a batch size so one
 * sample lasts >= 10 ms (2 ms with quick), then take samples and return the median.
 */
export const MEASURE = { full: { sampleMs: 10, samples: 11, warmupMs: 50 }, quick: { sampleMs: 2, samples: 7, warmupMs: 20 } } as const;

export function measure(fn: () => unknown, elements: number, { quick = false } = {}): number {
  const { sampleMs, samples, warmupMs } = quick ? MEASURE.quick : MEASURE.full;
  let batch = 1;
  const warmEnd = performance.now() + warmupMs;
  while (performance.now() < warmEnd) fn();
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    const dt = performance.now() - t0;
    if (dt >= sampleMs) break;
    batch = Math.max(batch * 2, Math.ceil((batch * sampleMs) / Math.max(dt, 0.01)));
  }
  const perElement: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    perElement.push(((performance.now() - t0) * 1e6) / (batch * elements));
  }
  return median(perElement);
}
