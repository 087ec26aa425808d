// The moving-average family as the streams compute it: chained EMAs seeded as TA-Lib's INT_EMA calls
// do (DEMA, TEMA, TRIX) and TA-Lib's SMA fed one value at a time (the %D lines).
import { int, ints, real, reals, ringFilling, stillZero, unless, type StateProblem, type StateSpec } from '../state.ts';
import { barsToForget, emaK, TA_EPSILON } from './common.ts';
import type { ParamDefinition, Params, StreamKernel } from '../types.ts';
import { MAMA_LOOKBACK, mamaInit, mamaUpdate, type MamaState as HilbertMamaState } from './hilbert.ts';

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

// ---------------------------------------------------------------------------------------------
// TA-Lib's moving-average types (TA_MAType) as composable stream stages.
//
// A stage is described by an MaStage (type, period, and T3's volume factor) and keeps its state in
// two plain arrays so a stream's state stays flat JSON: `ring` (the recent inputs a windowed type
// needs) and `acc` (acc[0] counts the values received, the rest are the type's running numbers).
// An indicator names the two fields itself (e.g. `slowRing`, `slowAcc`) and passes the arrays.
// ---------------------------------------------------------------------------------------------

/** TA-Lib's MA types, numbered as TA_MAType. */
export const MA_TYPE_NAMES = ['SMA', 'EMA', 'WMA', 'DEMA', 'TEMA', 'TRIMA', 'KAMA', 'MAMA', 'T3'] as const;
export const MA_SMA = 0, MA_EMA = 1, MA_WMA = 2, MA_DEMA = 3, MA_TEMA = 4, MA_TRIMA = 5, MA_KAMA = 6, MA_MAMA = 7, MA_T3 = 8;

/** TA-Lib's T3 volume factor when T3 is used as MA type 8. */
export const T3_MA_VFACTOR = 0.7;
/** TA-Lib's MAMA limits when MAMA is used as MA type 7 (the period is ignored). */
export const MAMA_MA_FAST_LIMIT = 0.5;
export const MAMA_MA_SLOW_LIMIT = 0.05;

/** Largest period TA-Lib's WMA computes right (its divider period * (period + 1) is a 32-bit int). */
export const MA_MAX_PERIOD = 46_340;

/** The state MAMA keeps, as the Hilbert-transform module defines it (flat numbers and arrays). */
export type MamaState = Record<string, number | number[]>;

/** What the MA-type dispatch needs from MAMA. */
export interface MamaHooks {
  /** Bars before the first MAMA value (TA-Lib's MAMA lookback, 32). */
  lookback: number;
  /** A fresh MAMA state for fastLimit 0.5, slowLimit 0.05. */
  init(): MamaState;
  /** Feeds one value; MAMA after it, NaN during the lookback. */
  update(state: MamaState, x: number): number;
}

/** MA type 7: TA-Lib's MAMA with fastLimit 0.5 and slowLimit 0.05 (the period ignored, FAMA dropped). */
const MAMA_HOOKS: MamaHooks = {
  lookback: MAMA_LOOKBACK,
  init: () => mamaInit(MAMA_MA_FAST_LIMIT, MAMA_MA_SLOW_LIMIT),
  update: (s, x) => mamaUpdate(s as HilbertMamaState, x),
};

/** A parameter selecting a TA-Lib MA type (0..8, names in the description). */
export function maTypeParam(name: string, defaultValue: number, description: string): ParamDefinition {
  const names = MA_TYPE_NAMES.map((n, i) => `${i} ${n}`).join(', ');
  return { name, type: 'integer', description: `${description} TA-Lib MA type: ${names}.`, default: defaultValue, min: 0, max: 8, names: MA_TYPE_NAMES };
}

/** One MA stage: TA-Lib's TA_MA(period, type), or the named function itself (`viaMa` false: no period-1 copy). */
export interface MaStage {
  type: number;
  period: number;
  /** T3's volume factor (0.7 under TA_MA). */
  vFactor: number;
  /** TA_MA returns a copy of the input for period 1, whatever the type. */
  viaMa: boolean;
}

export function maStage(type: number, period: number, vFactor = T3_MA_VFACTOR, viaMa = true): MaStage {
  return { type, period, vFactor, viaMa };
}

function copies(m: MaStage): boolean {
  return m.viaMa && m.period <= 1;
}

/** TA_MA_Lookback (and each type's own lookback): the inputs before the first output. */
export function maLookback(m: MaStage): number {
  if (copies(m)) return 0;
  const p = m.period;
  switch (m.type) {
    case MA_DEMA: return 2 * (p - 1);
    case MA_TEMA: return 3 * (p - 1);
    case MA_KAMA: return p;
    case MA_MAMA: return MAMA_HOOKS.lookback;
    case MA_T3: return 6 * (p - 1);
    default: return p - 1;
  }
}

/** Lookback of TA_MA(period, type), for definitions. */
export function maTypeLookback(type: number, period: number): number {
  return maLookback(maStage(type, period));
}

function ringSize(m: MaStage): number {
  if (copies(m)) return 0;
  switch (m.type) {
    case MA_SMA: case MA_WMA: case MA_TRIMA: return m.period;
    case MA_KAMA: return m.period + 1;
    default: return 0;
  }
}

function flatSize(s: MamaState): number {
  let n = 0;
  for (const k of Object.keys(s)) { const v = s[k]!; n += typeof v === 'number' ? 1 : v.length; }
  return n;
}

function accSize(m: MaStage): number {
  if (copies(m)) return 1;
  switch (m.type) {
    case MA_SMA: case MA_EMA: return 2;
    case MA_WMA: case MA_TRIMA: return 4;
    case MA_DEMA: return 3;
    case MA_TEMA: return 4;
    case MA_KAMA: return 3;
    case MA_MAMA: return 1 + flatSize(MAMA_HOOKS.init());
    case MA_T3: return 7;
    default: return 1;
  }
}

export interface MaArrays {
  ring: number[];
  acc: number[];
}

export function maInit(m: MaStage): MaArrays {
  const acc = new Array<number>(accSize(m)).fill(0);
  if (!copies(m) && m.type === MA_MAMA) {
    flatten(MAMA_HOOKS.init(), acc);
  }
  return { ring: new Array<number>(ringSize(m)).fill(0), acc };
}

/** The spec of a stage's two fields under the indicator's names for them. */
export function maSpec(m: MaStage, ringField: string, accField: string): StateSpec {
  return { [ringField]: reals(ringSize(m)), [accField]: reals(accSize(m)) };
}

/**
 * Relations of a stage that has received `received` values: the count matches, the ring holds
 * nothing beyond the values seen, and no running number moved before the first value.
 */
export function maRelations(m: MaStage, a: MaArrays, received: number, ringField: string, accField: string): StateProblem | undefined {
  if (a.acc[0] !== received) return { field: accField, reason: `[0] counts the values received, so must be ${received}` };
  const size = a.ring.length;
  for (let i = Math.min(received, size); i < size; i++) {
    if (a.ring[i] !== 0) return { field: ringField, reason: `[${i}] is beyond the ${received} values received, so must be 0` };
  }
  if (received === 0 && m.type !== MA_MAMA) {
    for (let i = 1; i < a.acc.length; i++) if (a.acc[i] !== 0) return { field: accField, reason: `[${i}] must be 0 before the first value` };
  }
  return undefined;
}

/** Feeds one value to the stage; returns the MA after it, NaN during its lookback. */
export function maPush(m: MaStage, a: MaArrays, x: number): number {
  const acc = a.acc;
  const t = acc[0]!;
  acc[0] = t + 1;
  if (copies(m)) return x;
  switch (m.type) {
    case MA_SMA: return smaPush(m.period, a.ring, acc, t, x);
    case MA_EMA: return chainPush(m.period, acc, t, x, 1, false) ? acc[1]! : NaN;
    case MA_WMA: return wmaPush(m.period, a.ring, acc, t, x);
    case MA_DEMA: return chainPush(m.period, acc, t, x, 2, false) ? 2.0 * acc[1]! - acc[2]! : NaN;
    case MA_TEMA: return chainPush(m.period, acc, t, x, 3, false) ? acc[3]! + (3.0 * acc[1]! - 3.0 * acc[2]!) : NaN;
    case MA_TRIMA: return trimaPush(m.period, a.ring, acc, t, x);
    case MA_KAMA: return kamaPush(m.period, a.ring, acc, t, x);
    case MA_MAMA: return mamaPush(acc, x);
    case MA_T3: return chainPush(m.period, acc, t, x, 6, true) ? t3Value(acc, m.vFactor) : NaN;
    default: throw new Error(`unknown MA type ${m.type}`);
  }
}

/** TA-Lib INT_SMA: total of the first period - 1 values, then add the newest, emit, subtract the oldest. Never re-summed. */
function smaPush(p: number, ring: number[], acc: number[], t: number, x: number): number {
  const slot = t % p;
  if (t < p - 1) {
    ring[slot] = x;
    acc[1] = acc[1]! + x;
    return NaN;
  }
  acc[1] = acc[1]! + x;
  const v = acc[1]!;
  ring[slot] = x;
  acc[1] = acc[1]! - ring[(t + 1) % p]!;
  return v / p;
}

/**
 * Chained EMAs as TA-Lib seeds them: stage j sums its first `p` inputs (stage j-1's values from its
 * seed on) and divides. DEMA/TEMA step e = ((v - e) * k) + e; T3 steps e = (k * v) + ((1 - k) * e).
 * acc[1..stages] are the stages. Returns true once the last stage is seeded.
 */
function chainPush(p: number, acc: number[], t: number, x: number, stages: number, t3: boolean): boolean {
  const k = t3 ? 2.0 / (p + 1.0) : emaK(p);
  const oneMinusK = 1.0 - k;
  let v = x;
  for (let j = 0; j < stages; j++) {
    const u = t - j * (p - 1); // index of v among this stage's inputs
    const e = acc[j + 1]!;
    if (u < p) {
      acc[j + 1] = e + v;
      if (u < p - 1) return false;
      acc[j + 1] = acc[j + 1]! / p;
    } else {
      acc[j + 1] = t3 ? k * v + oneMinusK * e : (v - e) * k + e;
    }
    v = acc[j + 1]!;
  }
  return true;
}

export function t3Value(acc: number[], vFactor: number): number {
  const temp = vFactor * vFactor;
  const c1 = -(temp * vFactor);
  const c2 = 3.0 * (temp - c1);
  const c3 = -6.0 * temp - 3.0 * (vFactor - c1);
  const c4 = 1.0 + 3.0 * vFactor - c1 + 3.0 * temp;
  return c1 * acc[6]! + c2 * acc[5]! + c3 * acc[4]! + c4 * acc[3]!;
}

/** TA-Lib WMA (never re-summed): acc = [n, periodSum, periodSub, trailing]. */
function wmaPush(p: number, ring: number[], acc: number[], t: number, x: number): number {
  const slot = t % p;
  if (t < p - 1) {
    ring[slot] = x;
    return NaN;
  }
  if (t === p - 1) {
    let sub = 0;
    let sum = 0;
    for (let i = 1; i < p; i++) {
      const v = ring[i - 1]!;
      sub += v;
      sum += v * i;
    }
    acc[1] = sum;
    acc[2] = sub;
    acc[3] = 0;
  }
  acc[2] = acc[2]! + x;
  acc[2] = acc[2]! - acc[3]!;
  acc[1] = acc[1]! + x * p;
  ring[slot] = x;
  acc[3] = ring[(t + 1) % p]!;
  const out = acc[1]! / ((p * (p + 1)) / 2);
  acc[1] = acc[1]! - acc[2]!;
  return out;
}

/**
 * TA-Lib TRIMA's running numerator (odd and even periods adjust numeratorAdd in another order):
 * acc = [n, numerator, numeratorSub, numeratorAdd]. The window's trailing value and middle value
 * come from the ring of the last `p` inputs.
 */
function trimaPush(p: number, ring: number[], acc: number[], t: number, x: number): number {
  const half = p >> 1;
  const odd = p % 2 === 1;
  const factor = 1.0 / (odd ? (half + 1) * (half + 1) : half * (half + 1));
  if (t < p - 1) {
    ring[t % p] = x;
    return NaN;
  }
  if (t === p - 1) {
    ring[t % p] = x;
    // The first window is ring[0..p-1]; the sub part ends at the middle, counted backwards.
    const middle = odd ? half : half - 1;
    let numerator = 0;
    let sub = 0;
    for (let i = middle; i >= 0; i--) {
      sub += ring[i]!;
      numerator += sub;
    }
    let add = 0;
    for (let i = middle + 1; i <= p - 1; i++) {
      add += ring[i]!;
      numerator += add;
    }
    acc[1] = numerator;
    acc[2] = sub;
    acc[3] = add;
    return numerator * factor;
  }
  const trailing = ring[t % p]!; // x[t - p]
  const mid = ring[(t - half) % p]!; // x[t - half]
  let numerator = acc[1]!;
  let sub = acc[2]!;
  let add = acc[3]!;
  numerator -= sub;
  sub -= trailing;
  sub += mid;
  if (odd) {
    numerator += add;
    add -= mid;
  } else {
    add -= mid;
    numerator += add;
  }
  add += x;
  numerator += x;
  ring[t % p] = x;
  acc[1] = numerator;
  acc[2] = sub;
  acc[3] = add;
  return numerator * factor;
}

/** TA-Lib's KAMA constants: fastest smoothing 2/(2+1), slowest 2/(30+1). */
const KAMA_CONST_MAX = 2.0 / (30.0 + 1.0);
const KAMA_CONST_DIFF = 2.0 / (2.0 + 1.0) - KAMA_CONST_MAX;

export function kamaSmoothing(periodRoc: number, sumRoc: number): number {
  let r = sumRoc <= periodRoc || (sumRoc > -TA_EPSILON && sumRoc < TA_EPSILON) ? 1.0 : Math.abs(periodRoc / sumRoc);
  r = r * KAMA_CONST_DIFF + KAMA_CONST_MAX;
  return r * r;
}

/**
 * TA-Lib KAMA: acc = [n, sumROC1, prevKAMA]; the ring holds the last p + 1 inputs. The first value
 * (bar p) starts from the previous close; the efficiency ratio is 1 when sumROC1 <= periodROC (signed,
 * as TA-Lib compares) or sumROC1 is zero.
 */
function kamaPush(p: number, ring: number[], acc: number[], t: number, x: number): number {
  const size = p + 1;
  if (t < p) {
    if (t > 0) acc[1] = acc[1]! + Math.abs(ring[(t - 1) % size]! - x);
    ring[t % size] = x;
    return NaN;
  }
  const prevX = ring[(t - 1) % size]!;
  const trailing = ring[(t - p) % size]!;
  if (t === p) {
    acc[1] = acc[1]! + Math.abs(prevX - x);
    acc[2] = prevX;
  } else {
    const beforeTrailing = ring[(t - p - 1) % size]!;
    acc[1] = acc[1]! - Math.abs(beforeTrailing - trailing);
    acc[1] = acc[1]! + Math.abs(x - prevX);
  }
  const sc = kamaSmoothing(x - trailing, acc[1]!);
  acc[2] = (x - acc[2]!) * sc + acc[2]!;
  ring[t % size] = x;
  return acc[2]!;
}

const mamaScratch: { state: MamaState | undefined } = { state: undefined };

/** MAMA through its hooks, its state flattened into acc[1..] in the key order of its init. */
function mamaPush(acc: number[], x: number): number {
  const s = (mamaScratch.state ??= MAMA_HOOKS.init());
  unflatten(acc, s);
  const v = MAMA_HOOKS.update(s, x);
  flatten(s, acc);
  return v;
}

function flatten(s: MamaState, acc: number[]): void {
  let i = 1;
  for (const k of Object.keys(s)) {
    const v = s[k]!;
    if (typeof v === 'number') acc[i++] = v;
    else for (const e of v) acc[i++] = e;
  }
}

function unflatten(acc: number[], s: MamaState): void {
  let i = 1;
  for (const k of Object.keys(s)) {
    const v = s[k]!;
    if (typeof v === 'number') s[k] = acc[i++]!;
    else for (let j = 0; j < v.length; j++) v[j] = acc[i++]!;
  }
}

/**
 * Bars after the lookback until the output no longer depends on where the series started (1e-10
 * relative), for the types with a decaying memory; 0 for the windowed ones.
 */
export function maWarmup(m: MaStage): number {
  if (copies(m)) return 0;
  switch (m.type) {
    case MA_EMA: return emaChainWarmup(1, m.period);
    case MA_DEMA: return emaChainWarmup(2, m.period);
    case MA_TEMA: return emaChainWarmup(3, m.period);
    case MA_T3: return emaChainWarmup(6, m.period);
    // KAMA's smoothing is at least (2/31)^2 per bar.
    case MA_KAMA: return barsToForget(1 - KAMA_CONST_MAX * KAMA_CONST_MAX);
    case MA_MAMA: return barsToForget(1 - MAMA_MA_SLOW_LIMIT);
    default: return 0;
  }
}

/** State of a stream that is one MA stage over its single input. */
export interface MaStreamState {
  [key: string]: number | number[];
  ring: number[];
  acc: number[];
}

/** A one-input, one-output stream computing the stage `stageOf(params)` (MA, KAMA, T3, TRIMA). */
export function maStreamKernel(stageFor: (p: Params) => MaStage): StreamKernel<MaStreamState> {
  const stageOf = cachedStage(stageFor);
  return {
    init: (p) => maInit(stageOf(p)) as MaStreamState,
    spec: (p) => maSpec(stageOf(p), 'ring', 'acc'),
    relations: (s, p, bars) => maRelations(stageOf(p), s, bars, 'ring', 'acc'),
    update(s, bar, out, p) {
      out[0] = maPush(stageOf(p), s, bar[0]!);
    },
  };
}

/** `stageFor` memoised per params object (a stream passes the same one to every update). */
export function cachedStage<T>(stageFor: (p: Params) => T): (p: Params) => T {
  const cache = new WeakMap<Params, T>();
  return (p) => {
    let m = cache.get(p);
    if (m === undefined) {
      m = stageFor(p);
      cache.set(p, m);
    }
    return m;
  };
}

/**
 * TA-Lib's INT_PO (APO, PPO): fast and slow MAs of one type (the periods swapped if slow < fast),
 * from the first bar where the slow one has a value. TA-Lib computes each MA from startIdx minus
 * its own lookback; from the first output (as the oracle asks, and as MACD and MACDEXT always do)
 * the fast MA starts lookback(slow) - lookback(fast) bars late.
 */
export interface OscillatorStages {
  fast: MaStage;
  slow: MaStage;
  /** The bar at which the fast MA takes its first input. */
  fastFrom: number;
  lookback: number;
}

export function oscillatorStages(p: Params): OscillatorStages {
  const a = p.fast!, b = p.slow!;
  const fast = maStage(p.maType!, Math.min(a, b));
  const slow = maStage(p.maType!, Math.max(a, b));
  const lookback = maLookback(slow);
  return { fast, slow, fastFrom: lookback - maLookback(fast), lookback };
}

export interface OscillatorState {
  [key: string]: number | number[];
  fastRing: number[];
  fastAcc: number[];
  slowRing: number[];
  slowAcc: number[];
}

/** TA-Lib's PPO from the two MAs: ((fast - slow) / slow) * 100, 0 when slow is zero (TA_IS_ZERO). */
export function percentOscillator(fast: number, slow: number): number {
  return slow > -TA_EPSILON && slow < TA_EPSILON ? 0.0 : ((fast - slow) / slow) * 100.0;
}

/** APO (percent false: fast - slow) or PPO (percent true) as a stream. */
export function oscillatorStream(percent: boolean): StreamKernel<OscillatorState> {
  const stagesOf = cachedStage(oscillatorStages);
  return {
    init: (p) => {
      const st = stagesOf(p);
      const f = maInit(st.fast), s = maInit(st.slow);
      return { fastRing: f.ring, fastAcc: f.acc, slowRing: s.ring, slowAcc: s.acc };
    },
    spec: (p) => {
      const st = stagesOf(p);
      return { ...maSpec(st.fast, 'fastRing', 'fastAcc'), ...maSpec(st.slow, 'slowRing', 'slowAcc') };
    },
    relations: (s, p, bars) => {
      const st = stagesOf(p);
      return (
        maRelations(st.slow, { ring: s.slowRing, acc: s.slowAcc }, bars, 'slowRing', 'slowAcc') ??
        maRelations(st.fast, { ring: s.fastRing, acc: s.fastAcc }, Math.max(0, bars - st.fastFrom), 'fastRing', 'fastAcc')
      );
    },
    update(s, bar, out, p) {
      const st = stagesOf(p);
      const x = bar[0]!;
      const t = s.slowAcc[0]!;
      const slow = maPush(st.slow, { ring: s.slowRing, acc: s.slowAcc }, x);
      if (t < st.fastFrom) {
        out[0] = NaN;
        return;
      }
      const fast = maPush(st.fast, { ring: s.fastRing, acc: s.fastAcc }, x);
      out[0] = Number.isNaN(slow) ? NaN : percent ? percentOscillator(fast, slow) : fast - slow;
    },
  };
}

/**
 * TA-Lib MACDEXT's stages: the periods (and their types) swapped if slow < fast; both MAs start
 * so that they reach their first value at the larger of their lookbacks (TA-Lib computes both from
 * startIdx - lookbackSignal); the signal MA takes the MACD line from there.
 */
export interface MacdExtStages {
  fast: MaStage;
  slow: MaStage;
  signal: MaStage;
  fastFrom: number;
  slowFrom: number;
  /** First bar of the MACD line (the larger MA lookback). */
  lineFrom: number;
  lookback: number;
}

export function macdExtStages(p: Params): MacdExtStages {
  let fast = maStage(p.fastMaType!, p.fast!);
  let slow = maStage(p.slowMaType!, p.slow!);
  if (p.slow! < p.fast!) [fast, slow] = [slow, fast];
  const signal = maStage(p.signalMaType!, p.signal!);
  const lineFrom = Math.max(maLookback(fast), maLookback(slow));
  return { fast, slow, signal, fastFrom: lineFrom - maLookback(fast), slowFrom: lineFrom - maLookback(slow), lineFrom, lookback: lineFrom + maLookback(signal) };
}
