import { streamKernel } from '../../src/define.ts';
import { extremesInit, extremesPush, extremesRelations, extremesSpec, fastK, valuesSince, type ExtremesState } from '../../src/reference/extremes.ts';
import { rsiRelations, rsiSpec, rsiStream } from '../rsi/stream.ts';
import { smaStageInit, smaStagePush, smaStageRelations, smaStageSpec, type SmaStage } from '../stochf/stream.ts';
import { real, reals, unless } from '../../src/state.ts';

type StochRsiState = ExtremesState & SmaStage & { changes: number; prev: number; gain: number; loss: number };

const rsiOut = new Float64Array(1);

/**
 * TA-Lib STOCHRSI: STOCHF over the RSI series (the RSI as high, low and close). The RSI is TA-Lib's,
 * seeded at the first bar; %D's running total is never re-summed, as in TA-Lib (see the notes).
 */
export const stochrsiStream = streamKernel<StochRsiState>({
  init: (p) => ({ ...rsiStream.init(p), ...extremesInit(p.fastK!), ...smaStageInit(p.fastD!) }) as StochRsiState,
  // The extremes and %D track RSI values, which lie in [0, 100].
  spec: (p) => ({ ...rsiSpec(p), ...extremesSpec(p.fastK!), highs: reals(p.fastK!, 0, 100), lows: reals(p.fastK!, 0, 100), hi: real(0, 100), lo: real(0, 100), ...smaStageSpec(p.fastD!, 0) }),
  relations: (s, p) =>
    rsiRelations(s) ??
    (s.changes < p.period! ? unless(s.bars === 0, 'bars', 'must be 0 until the first RSI value') : undefined) ??
    extremesRelations(s) ??
    smaStageRelations(s, valuesSince(s.bars, p.fastK!), 0),
  update(s, bar, out, p) {
    rsiStream.update(s, bar, rsiOut, p);
    const rsi = rsiOut[0]!;
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
