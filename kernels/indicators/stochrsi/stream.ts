import { streamKernel } from '../../src/define.ts';
import { extremesInit, extremesPush, extremesRelations, extremesSpec, fastK, valuesSince, type ExtremesState } from '../../src/reference/extremes.ts';
import { rsiInit, rsiRelations, rsiSpec, rsiStep } from '../../src/reference/rsi.ts';
import { smaStageInit, smaStagePush, smaStageRelations, smaStageSpec, type SmaStage } from '../../src/reference/ma.ts';
import { real, reals, unless } from '../../src/state.ts';

type StochRsiState = ExtremesState & SmaStage & { changes: number; prev: number; gain: number; loss: number };

/**
 * TA-Lib STOCHRSI: STOCHF over the RSI series (the RSI as high, low and close). The RSI is TA-Lib's,
 * seeded at the first bar; %D's running total is never re-summed, as in TA-Lib (see the notes).
 */
export const stochrsiStream = streamKernel<StochRsiState>({
  init: (p) => ({ ...rsiInit(), ...extremesInit(p.fastK!), ...smaStageInit(p.fastD!) }) as StochRsiState,
  // The extremes and %D track RSI values, which lie in [0, 100].
  spec: (p) => ({ ...rsiSpec(p), ...extremesSpec(p.fastK!), highs: reals(p.fastK!, 0, 100), lows: reals(p.fastK!, 0, 100), hi: real(0, 100), lo: real(0, 100), ...smaStageSpec(p.fastD!, 0) }),
  relations: (s, p) =>
    rsiRelations(s) ??
    (s.changes < p.period! ? unless(s.bars === 0, 'bars', 'must be 0 until the first RSI value') : undefined) ??
    extremesRelations(s) ??
    smaStageRelations(s, valuesSince(s.bars, p.fastK!), 0),
  update(s, bar, out, p) {
    const rsi = rsiStep(s, bar[0]!, p.period!);
    if (Number.isNaN(rsi) || !extremesPush(s, rsi, rsi)) {
      out[0] = out[1] = NaN;
      return;
    }
    const k = fastK(s, rsi);
    const d = smaStagePush(s, k, 0);
    out[0] = Number.isNaN(d) ? NaN : k;
    out[1] = d;
  },
});
