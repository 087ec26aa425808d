import { streamKernel } from '../../src/define.ts';
import { extremesInit, extremesPush, fastK, type ExtremesState } from '../../src/reference/extremes.ts';
import { rsiStream } from '../rsi/stream.ts';
import { smaStageInit, smaStagePush, type SmaStage } from '../stochf/stream.ts';

type StochRsiState = ExtremesState & SmaStage & { changes: number; prev: number; gain: number; loss: number };

const rsiOut = new Float64Array(1);

/**
 * TA-Lib STOCHRSI: STOCHF over the RSI series (the RSI as high, low and close). The RSI is TA-Lib's,
 * seeded at the first bar; %D's running total is never re-summed, as in TA-Lib (see the notes).
 */
export const stochrsiStream = streamKernel<StochRsiState>({
  init: (p) => ({ ...rsiStream.init(p), ...extremesInit(p.fastK!), ...smaStageInit(p.fastD!) }) as StochRsiState,
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
