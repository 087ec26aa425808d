import type { Timing } from './interleave.ts';

/**
 * Contenders more than `factor` times slower than `ours` in one size's timings (median against
 * median): the ones the time budget leaves out of the next, larger size.
 */
export function tooSlow(timings: Readonly<Record<string, Timing>>, ours: string, factor: number, among: readonly string[]): { name: string; timesOurs: number }[] {
  const base = timings[ours]?.median;
  if (base === undefined) return [];
  return among.flatMap((name) => {
    const t = timings[name];
    return t && t.median / base > factor ? [{ name, timesOurs: t.median / base }] : [];
  });
}
