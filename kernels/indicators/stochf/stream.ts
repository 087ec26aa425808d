import { streamKernel } from '../../src/define.ts';
import { resumInterval } from '../../src/reference/common.ts';
import { extremesInit, extremesPush, extremesRelations, extremesSpec, fastK, valuesSince, type ExtremesState } from '../../src/reference/extremes.ts';
import { int, real, reals, ringFilling, stillZero, unless, type StateProblem, type StateSpec } from '../../src/state.ts';

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

type StochfState = ExtremesState & SmaStage;

export function stochfResumEvery(dPeriod: number): number {
  return resumInterval(dPeriod);
}

/** TA-Lib STOCHF: fast %K over the last fastK bars, fast %D its SMA over fastD values. */
export const stochfStream = streamKernel<StochfState>({
  init: (p) => ({ ...extremesInit(p.fastK!), ...smaStageInit(p.fastD!) }),
  spec: (p) => ({ ...extremesSpec(p.fastK!), ...smaStageSpec(p.fastD!, stochfResumEvery(p.fastD!)) }),
  relations: (s, p) => extremesRelations(s) ?? smaStageRelations(s, valuesSince(s.bars, p.fastK!), stochfResumEvery(p.fastD!)),
  update(s, bar, out, p) {
    if (!extremesPush(s, bar[0]!, bar[1]!)) {
      out[0] = out[1] = NaN;
      return;
    }
    const k = fastK(s, bar[2]!);
    const d = smaStagePush(s, k, stochfResumEvery(p.fastD!));
    out[0] = Number.isNaN(d) ? NaN : k;
    out[1] = d;
  },
});
