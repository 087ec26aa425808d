// The moving-average family as the streams compute it: chained EMAs seeded as TA-Lib's INT_EMA calls
// do (DEMA, TEMA, TRIX) and TA-Lib's SMA fed one value at a time (the %D lines).
import { int, ints, real, reals, ringFilling, stillZero, unless, type StateProblem, type StateSpec } from '../state.ts';
import { barsToForget, emaK } from './common.ts';

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
export function emaChainRelations(s: EmaChainState, period: number, bars: number): StateProblem | undefined {
  if (s.seen[0]! > bars) return { field: 'seen', reason: `[0] counts bars seen, so is at most the ${bars} bars committed` };
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

/** A TA-Lib SMA fed one value at a time: the last `period` values in a ring, a running total. */
export interface SmaStage {
  [key: string]: number | number[];
  ring: number[];
  /** Index of the oldest value once the ring is full. */
  head: number;
  filled: number;
  /** Between values: the sum of the newest period - 1 values. */
  total: number;
  /** Outputs left until the total is summed afresh; -1: never again. */
  untilResum: number;
}

export function smaStageInit(period: number): SmaStage {
  return { ring: new Array<number>(period).fill(0), head: 0, filled: 0, total: 0, untilResum: 0 };
}

/** `every` as given to smaStagePush: 0 for never re-summing (untilResum is then -1 after the first output). */
export function smaStageSpec(period: number, every: number): StateSpec {
  return { ring: reals(period), head: int(0, period - 1), filled: int(0, period), total: real(), untilResum: every > 0 ? int(0, every - 1) : int(-1, 0) };
}

/** The stage has received `received` values (from the stage feeding it); the ring fills from slot 0. */
export function smaStageRelations(s: SmaStage, received: number, every: number): StateProblem | undefined {
  const p = s.ring.length;
  const filled = Math.min(p, received);
  return (
    unless(s.filled === filled, 'filled', `must be ${filled}, the values received so far`) ??
    ringFilling(s.ring, s.head, s.filled, 'ring', 'head') ??
    (s.filled < p ? stillZero(s, ['total', 'untilResum'], 'before the first output') : undefined) ??
    (s.filled === p && every === 0 ? unless(s.untilResum === -1, 'untilResum', 'must be -1 once the stage never re-sums') : undefined)
  );
}

/**
 * Pushes x; returns the SMA of the last `period` values (NaN until there are that many). The total
 * is summed afresh, oldest first, at the first output and then every `every` outputs (0: never), so
 * each block is TA-Lib's arithmetic: total += x; emit total / period; total -= oldest.
 */
export function smaStagePush(s: SmaStage, x: number, every: number): number {
  const ring = s.ring;
  const p = ring.length;
  ring[s.head] = x;
  s.head = s.head + 1 === p ? 0 : s.head + 1;
  if (s.filled < p) s.filled++;
  if (s.filled < p) return NaN;
  // ring[(head + i) % p] is the i-th oldest; x is the newest.
  if (s.untilResum === 0) {
    let sum = 0;
    for (let i = 0; i < p - 1; i++) sum += ring[(s.head + i) % p]!;
    s.total = sum;
    s.untilResum = every > 0 ? every : -1;
  }
  s.total += x;
  const v = s.total;
  s.total -= ring[s.head]!;
  if (s.untilResum > 0) s.untilResum--;
  return v / p;
}
