import { barsToForget, emaK } from '../../src/reference/common.ts';
import { ints, reals, type StateProblem, type StateSpec } from '../../src/state.ts';

/** State of `stages` EMAs of one period chained (each the EMA of the one before), as plain JSON. */
export interface EmaChainState {
  [key: string]: number | number[];
  /** Inputs each stage has seen, counted up to the period. */
  seen: number[];
  /** Per stage: the sum of its inputs while seeding, then its EMA. */
  ema: number[];
}

export function emaChainInit(stages: number): EmaChainState {
  return { seen: new Array<number>(stages).fill(0), ema: new Array<number>(stages).fill(0) };
}

export function emaChainSpec(stages: number, period: number): StateSpec {
  return { seen: ints(stages, 0, period), ema: reals(stages) };
}

/** A stage receives values only once the stage before it is seeded; until then its sum is 0. */
export function emaChainRelations(s: EmaChainState, period: number): StateProblem | undefined {
  for (let j = 1; j < s.seen.length; j++) {
    if (s.seen[j]! > 0 && s.seen[j - 1] !== period) return { field: 'seen', reason: `[${j}] must be 0 until stage ${j - 1} has seen ${period} values` };
  }
  for (let j = 0; j < s.seen.length; j++) {
    if (s.seen[j] === 0 && s.ema[j] !== 0) return { field: 'ema', reason: `[${j}] must be 0 before stage ${j} has seen a value` };
  }
  return undefined;
}

/**
 * Feeds one bar through the chain as TA-Lib's INT_EMA calls do (DEMA, TEMA, TRIX): each stage is
 * seeded with the mean of its first `period` inputs (summed left to right from 0), then
 * e = ((v - e) * k) + e. Returns false while some stage is still seeding; the values are in s.ema.
 */
export function emaChainUpdate(s: EmaChainState, x: number, period: number): boolean {
  const k = emaK(period);
  let v = x;
  for (let j = 0; j < s.ema.length; j++) {
    const seen = s.seen[j]!;
    if (seen < period) {
      s.seen[j] = seen + 1;
      s.ema[j] = s.ema[j]! + v;
      if (seen + 1 < period) return false;
      s.ema[j] = s.ema[j]! / period;
    } else {
      s.ema[j] = (v - s.ema[j]!) * k + s.ema[j]!;
    }
    v = s.ema[j]!;
  }
  return true;
}

/**
 * Warm-up of `stages` chained EMAs: a difference in the start reaches stage j as at most about
 * (k t)^(j-1) / (j-1)! * (1 - k)^(t-j+1). After stages times one EMA's warm-up, (1 - k)^t is down to
 * (1e-10)^stages while the polynomial is a few thousand at most (k t is at most about 23 per stage), so the
 * start no longer matters to far below 1e-10.
 */
export function emaChainWarmup(stages: number, period: number): number {
  return stages * barsToForget(1 - emaK(period));
}
