import { streamKernel } from '../../src/define.ts';
import { TA_EPSILON } from '../../src/reference/common.ts';
import { cachedStage, maInit, maLookback, maPush, maRelations, maSpec, maStage } from '../../src/reference/ma.ts';
import { momentsInit, momentsRelations, momentsSpec, momentsUpdate, type MomentsState } from '../../src/reference/moments.ts';
import { barCount, real, reals, unless } from '../../src/state.ts';
import type { Params, StreamKernel } from '../../src/types.ts';

const moments = new Float64Array(2);

/** The bands from the middle band and TA-Lib's deviation (0 when the variance is below 1e-14). */
function writeBands(out: Float64Array, mean: number, variance: number, p: Params): void {
  const sd = variance < TA_EPSILON ? 0 : Math.sqrt(variance);
  out[0] = mean + sd * p.devUp!;
  out[1] = mean;
  out[2] = mean - sd * p.devDown!;
}

/**
 * TA-Lib BBANDS with a simple moving average: middle = SMA, sd = sqrt(mean(x^2) - middle^2)
 * (population), 0 when that variance is below 1e-14; upper = middle + devUp*sd, lower = middle - devDown*sd.
 */
const bbandsSmaStream: StreamKernel<MomentsState> = {
  init: (p) => momentsInit(p.period!),
  spec: (p) => momentsSpec(p.period!),
  relations: momentsRelations,
  update(s, bar, out, p) {
    if (!momentsUpdate(s, bar[0]!, p.period!, moments)) {
      out[0] = out[1] = out[2] = NaN;
      return;
    }
    writeBands(out, moments[0]!, moments[1]! - moments[0]! * moments[0]!, p);
  },
};

interface BbandsTypedState {
  [key: string]: number | number[];
  bars: number;
  mRing: number[];
  mAcc: number[];
  /** The last `period` inputs (bar t in slot t % period) and TA-Lib STDDEV's two running sums. */
  window: number[];
  total: number;
  total2: number;
}

const middleStage = cachedStage((p: Params) => maStage(p.maType!, p.period!));

/**
 * Any other MA type: middle = TA_MA(period, type); sd = TA-Lib's STDDEV (nbDev 1) from the MA's first
 * bar: its sums of x and x^2 start over the period - 1 bars before it, then per bar add the newest,
 * take the means, subtract the oldest; variance = mean(x^2) - mean(x)^2 (against the plain mean, not
 * the middle band), never re-summed.
 */
const bbandsTypedStream: StreamKernel<BbandsTypedState> = {
  init: (p) => {
    const m = maInit(middleStage(p));
    return { bars: 0, mRing: m.ring, mAcc: m.acc, window: new Array<number>(p.period!).fill(0), total: 0, total2: 0 };
  },
  spec: (p) => ({ bars: barCount(), ...maSpec(middleStage(p), 'mRing', 'mAcc'), window: reals(p.period!), total: real(), total2: real() }),
  relations: (s, p, bars) =>
    unless(s.bars === bars, 'bars', `must be ${bars}, the bars committed`) ??
    maRelations(middleStage(p), { ring: s.mRing, acc: s.mAcc }, bars, 'mRing', 'mAcc') ??
    (bars <= maLookback(middleStage(p)) ? unless(s.total === 0 && s.total2 === 0, 'total', 'must be 0 (and total2 0) before the first output') : undefined),
  update(s, bar, out, p) {
    const period = p.period!;
    const x = bar[0]!;
    const t = s.bars++;
    const w = s.window;
    const mean = maPush(middleStage(p), { ring: s.mRing, acc: s.mAcc }, x);
    if (Number.isNaN(mean)) {
      w[t % period] = x;
      out[0] = out[1] = out[2] = NaN;
      return;
    }
    if (t === maLookback(middleStage(p))) {
      let sum = 0, sum2 = 0;
      for (let i = t - period + 1; i < t; i++) {
        const v = w[i % period]!;
        sum += v;
        sum2 += v * v;
      }
      s.total = sum;
      s.total2 = sum2;
    }
    w[t % period] = x;
    s.total += x;
    s.total2 += x * x;
    const mean1 = s.total / period;
    const mean2 = s.total2 / period;
    const old = w[(t + 1) % period]!;
    s.total -= old;
    s.total2 -= old * old;
    writeBands(out, mean, mean2 - mean1 * mean1, p);
  },
};

/** TA-Lib BBANDS: the re-summed SMA form for MA type 0 (the default), the MA-type stage otherwise. */
export const bbandsStream = streamKernel<MomentsState | BbandsTypedState>({
  init: (p) => (p.maType === 0 ? bbandsSmaStream.init(p) : bbandsTypedStream.init(p)),
  spec: (p) => (p.maType === 0 ? bbandsSmaStream.spec(p) : bbandsTypedStream.spec(p)),
  relations: (s, p, bars) => (p.maType === 0 ? bbandsSmaStream.relations!(s as MomentsState, p, bars) : bbandsTypedStream.relations!(s as BbandsTypedState, p, bars)),
  update: (s, bar, out, p) => (p.maType === 0 ? bbandsSmaStream.update(s as MomentsState, bar, out, p) : bbandsTypedStream.update(s as BbandsTypedState, bar, out, p)),
});

/** Outputs between re-sums: only the SMA form re-sums; the other types never do, as TA-Lib. */
export function bbandsResumEvery(p: Params, smaEvery: number): number {
  return p.maType === 0 ? smaEvery : Number.MAX_SAFE_INTEGER;
}
