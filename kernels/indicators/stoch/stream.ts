import { streamKernel } from '../../src/define.ts';
import { resumInterval } from '../../src/reference/common.ts';
import { extremesInit, extremesPush, extremesRelations, extremesSpec, fastK, valuesSince, type ExtremesState } from '../../src/reference/extremes.ts';
import type { Params, StreamKernel } from '../../src/types.ts';
import { cachedStage, maInit, maLookback, maPush, maRelations, maSpec, maStage } from '../../src/reference/ma.ts';
import { int, real, reals, ringFilling, stillZero, unless } from '../../src/state.ts';

interface StochState extends ExtremesState {
  /** The last slowK + slowD - 1 fast %K values, a ring whose `kHead` is the oldest once full. */
  kRing: number[];
  kHead: number;
  kFilled: number;
  /** The last slowD slow %K values, a ring whose `sHead` is the oldest. */
  sRing: number[];
  sHead: number;
  /** Between bars: the sums of the newest slowK - 1 fast %K values and slowD - 1 slow %K values. */
  kTotal: number;
  dTotal: number;
  /** Outputs left until both totals are summed afresh. */
  untilResum: number;
}

/** Outputs between re-sums: only with two SMAs (types 0); the other types never re-sum, as TA-Lib. */
export function stochResumEvery(p: Params): number {
  return smaOnly(p) ? resumInterval(Math.max(p.slowK!, p.slowD!)) : Number.MAX_SAFE_INTEGER;
}

function smaOnly(p: Params): boolean {
  return p.slowKMaType === 0 && p.slowDMaType === 0;
}

/**
 * TA-Lib STOCH: fast %K, slow %K = its SMA over slowK values, slow %D = the SMA of slow %K over
 * slowD values. At the first output and every stochResumEvery outputs both sums restart as TA-Lib
 * would when asked to start there: slow %K afresh from slowD - 1 values back (those slowD slow %K
 * values are recomputed from the fast %K ring), and slow %D afresh from them.
 */
const stochSmaStream: StreamKernel<StochState> = {
  init: (p) => ({
    ...extremesInit(p.fastK!),
    kRing: new Array<number>(p.slowK! + p.slowD! - 1).fill(0),
    kHead: 0,
    kFilled: 0,
    sRing: new Array<number>(p.slowD!).fill(0),
    sHead: 0,
    kTotal: 0,
    dTotal: 0,
    untilResum: 0,
  }),
  spec: (p) => {
    const size = p.slowK! + p.slowD! - 1;
    return {
      ...extremesSpec(p.fastK!),
      kRing: reals(size),
      kHead: int(0, size - 1),
      kFilled: int(0, size),
      sRing: reals(p.slowD!),
      sHead: int(0, p.slowD! - 1),
      kTotal: real(),
      dTotal: real(),
      untilResum: int(0, stochResumEvery(p) - 1),
    };
  },
  relations: (s, p) => {
    const size = s.kRing.length;
    const filled = Math.min(size, valuesSince(s.bars, p.fastK!));
    return (
      extremesRelations(s) ??
      unless(s.kFilled === filled, 'kFilled', `must be ${filled}, the fast %K values so far`) ??
      ringFilling(s.kRing, s.kHead, s.kFilled, 'kRing', 'kHead') ??
      (s.kFilled < size ? stillZero(s, ['sHead', 'kTotal', 'dTotal', 'untilResum'], 'before the first output') ?? unless(s.sRing.every((v) => v === 0), 'sRing', 'must be all 0 before the first output') : undefined)
    );
  },
  update(s, bar, out, p) {
    const slowK = p.slowK!;
    const slowD = p.slowD!;
    if (!extremesPush(s, bar[0]!, bar[1]!)) {
      out[0] = out[1] = NaN;
      return;
    }
    const k = fastK(s, bar[2]!);
    const kr = s.kRing;
    const size = kr.length;
    kr[s.kHead] = k;
    s.kHead = s.kHead + 1 === size ? 0 : s.kHead + 1;
    if (s.kFilled < size) s.kFilled++;
    if (s.kFilled < size) {
      out[0] = out[1] = NaN;
      return;
    }

    const sr = s.sRing;
    let slowKv: number;
    if (s.untilResum === 0) {
      let kt = 0;
      for (let i = 0; i < slowK - 1; i++) kt += kr[(s.kHead + i) % size]!;
      for (let m = 0; m < slowD; m++) {
        kt += kr[(s.kHead + m + slowK - 1) % size]!;
        const v = kt;
        kt -= kr[(s.kHead + m) % size]!;
        sr[m] = v / slowK;
      }
      s.kTotal = kt;
      s.sHead = 0;
      let dt = 0;
      for (let m = 0; m < slowD - 1; m++) dt += sr[m]!;
      s.dTotal = dt;
      s.untilResum = stochResumEvery(p);
      slowKv = sr[slowD - 1]!;
    } else {
      s.kTotal += k;
      const v = s.kTotal;
      s.kTotal -= kr[(s.kHead + size - slowK) % size]!; // the oldest fast %K of slow %K's window
      slowKv = v / slowK;
      sr[s.sHead] = slowKv;
      s.sHead = s.sHead + 1 === slowD ? 0 : s.sHead + 1;
    }
    s.dTotal += slowKv;
    const vd = s.dTotal;
    s.dTotal -= sr[s.sHead]!;
    s.untilResum--;
    out[0] = slowKv;
    out[1] = vd / slowD;
  },
};

interface StochTypedState extends ExtremesState {
  kRing: number[];
  kAcc: number[];
  dRing: number[];
  dAcc: number[];
}

const kStage = cachedStage((p: Params) => maStage(p.slowKMaType!, p.slowK!));
const dStage = cachedStage((p: Params) => maStage(p.slowDMaType!, p.slowD!));

/** Any other MA types: slow %K = MA(slowK, type) of fast %K, slow %D = MA(slowD, type) of slow %K, never re-summed. */
const stochTypedStream: StreamKernel<StochTypedState> = {
  init: (p) => {
    const k = maInit(kStage(p)), d = maInit(dStage(p));
    return { ...extremesInit(p.fastK!), kRing: k.ring, kAcc: k.acc, dRing: d.ring, dAcc: d.acc };
  },
  spec: (p) => ({ ...extremesSpec(p.fastK!), ...maSpec(kStage(p), 'kRing', 'kAcc'), ...maSpec(dStage(p), 'dRing', 'dAcc') }),
  relations: (s, p) => {
    const fastKs = valuesSince(s.bars, p.fastK!);
    return (
      extremesRelations(s) ??
      maRelations(kStage(p), { ring: s.kRing, acc: s.kAcc }, fastKs, 'kRing', 'kAcc') ??
      maRelations(dStage(p), { ring: s.dRing, acc: s.dAcc }, Math.max(0, fastKs - maLookback(kStage(p))), 'dRing', 'dAcc')
    );
  },
  update(s, bar, out, p) {
    if (!extremesPush(s, bar[0]!, bar[1]!)) {
      out[0] = out[1] = NaN;
      return;
    }
    const slowK = maPush(kStage(p), { ring: s.kRing, acc: s.kAcc }, fastK(s, bar[2]!));
    const slowD = Number.isNaN(slowK) ? NaN : maPush(dStage(p), { ring: s.dRing, acc: s.dAcc }, slowK);
    out[0] = Number.isNaN(slowD) ? NaN : slowK;
    out[1] = slowD;
  },
};

/** TA-Lib STOCH: the re-summed SMA form for types 0/0 (the default), the MA-type stages otherwise. */
export const stochStream = streamKernel<StochState | StochTypedState>({
  init: (p) => (smaOnly(p) ? stochSmaStream.init(p) : stochTypedStream.init(p)),
  spec: (p) => (smaOnly(p) ? stochSmaStream.spec(p) : stochTypedStream.spec(p)),
  relations: (s, p, bars) => (smaOnly(p) ? stochSmaStream.relations!(s as StochState, p, bars) : stochTypedStream.relations!(s as StochTypedState, p, bars)),
  update: (s, bar, out, p) => (smaOnly(p) ? stochSmaStream.update(s as StochState, bar, out, p) : stochTypedStream.update(s as StochTypedState, bar, out, p)),
});
