import { streamKernel } from '../../src/define.ts';
import { extremesInit, extremesPush, extremesRelations, extremesSpec, fastK, valuesSince, type ExtremesState } from '../../src/reference/extremes.ts';
import { rsiInit, rsiRelations, rsiSpec, rsiStep } from '../../src/reference/rsi.ts';
import { cachedStage, maInit, maPush, maRelations, maSpec, maStage, smaStageInit, smaStagePush, smaStageRelations, smaStageSpec, type SmaStage } from '../../src/reference/ma.ts';
import type { Params } from '../../src/types.ts';
import { real, reals, unless } from '../../src/state.ts';

/** MA type 0 keeps the SMA stage's fields; the other types an MA-type stage in dRing/dAcc. */
type StochRsiState = ExtremesState & Partial<SmaStage> & { changes: number; prev: number; gain: number; loss: number; dRing?: number[]; dAcc?: number[] };

const dStage = cachedStage((p: Params) => maStage(p.fastDMaType!, p.fastD!));

/**
 * TA-Lib STOCHRSI: STOCHF over the RSI series (the RSI as high, low and close). The RSI is TA-Lib's,
 * seeded at the first bar; %D is the MA of type fastDMaType, never re-summed, as in TA-Lib (see the notes).
 */
export const stochrsiStream = streamKernel<StochRsiState>({
  init: (p) => {
    if (p.fastDMaType === 0) return { ...rsiInit(), ...extremesInit(p.fastK!), ...smaStageInit(p.fastD!) } as StochRsiState;
    const d = maInit(dStage(p));
    return { ...rsiInit(), ...extremesInit(p.fastK!), dRing: d.ring, dAcc: d.acc } as StochRsiState;
  },
  // The extremes and %D track RSI values, which lie in [0, 100].
  spec: (p) => ({ ...rsiSpec(p), ...extremesSpec(p.fastK!), highs: reals(p.fastK!, 0, 100), lows: reals(p.fastK!, 0, 100), hi: real(0, 100), lo: real(0, 100), ...(p.fastDMaType === 0 ? smaStageSpec(p.fastD!, 0) : maSpec(dStage(p), 'dRing', 'dAcc')) }),
  relations: (s, p) =>
    rsiRelations(s) ??
    (s.changes < p.period! ? unless(s.bars === 0, 'bars', 'must be 0 until the first RSI value') : undefined) ??
    extremesRelations(s) ??
    (p.fastDMaType === 0
      ? smaStageRelations(s as StochRsiState & SmaStage, valuesSince(s.bars, p.fastK!), 0)
      : maRelations(dStage(p), { ring: s.dRing!, acc: s.dAcc! }, valuesSince(s.bars, p.fastK!), 'dRing', 'dAcc')),
  update(s, bar, out, p) {
    const rsi = rsiStep(s, bar[0]!, p.period!);
    if (Number.isNaN(rsi) || !extremesPush(s, rsi, rsi)) {
      out[0] = out[1] = NaN;
      return;
    }
    const k = fastK(s, rsi);
    const d = p.fastDMaType === 0 ? smaStagePush(s as StochRsiState & SmaStage, k, 0) : maPush(dStage(p), { ring: s.dRing!, acc: s.dAcc! }, k);
    out[0] = Number.isNaN(d) ? NaN : k;
    out[1] = d;
  },
});
