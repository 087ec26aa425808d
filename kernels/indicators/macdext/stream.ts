import { streamKernel } from '../../src/define.ts';
import { cachedStage, macdExtStages, maInit, maPush, maRelations, maSpec } from '../../src/reference/ma.ts';
import { barCount, unless } from '../../src/state.ts';

interface MacdExtState {
  [key: string]: number | number[];
  bars: number;
  fastRing: number[];
  fastAcc: number[];
  slowRing: number[];
  slowAcc: number[];
  signalRing: number[];
  signalAcc: number[];
}

const stagesOf = cachedStage(macdExtStages);

/**
 * TA-Lib MACDEXT: MACD line = fast MA - slow MA (each of its own type, both reaching their first
 * value on the same bar), signal = an MA of its own type over the line, histogram = line - signal.
 */
export const macdextStream = streamKernel<MacdExtState>({
  init: (p) => {
    const st = stagesOf(p);
    const f = maInit(st.fast), s = maInit(st.slow), g = maInit(st.signal);
    return { bars: 0, fastRing: f.ring, fastAcc: f.acc, slowRing: s.ring, slowAcc: s.acc, signalRing: g.ring, signalAcc: g.acc };
  },
  spec: (p) => {
    const st = stagesOf(p);
    return { bars: barCount(), ...maSpec(st.fast, 'fastRing', 'fastAcc'), ...maSpec(st.slow, 'slowRing', 'slowAcc'), ...maSpec(st.signal, 'signalRing', 'signalAcc') };
  },
  relations: (s, p, bars) => {
    const st = stagesOf(p);
    return (
      unless(s.bars === bars, 'bars', `must be ${bars}, the bars committed`) ??
      maRelations(st.fast, { ring: s.fastRing, acc: s.fastAcc }, Math.max(0, bars - st.fastFrom), 'fastRing', 'fastAcc') ??
      maRelations(st.slow, { ring: s.slowRing, acc: s.slowAcc }, Math.max(0, bars - st.slowFrom), 'slowRing', 'slowAcc') ??
      maRelations(st.signal, { ring: s.signalRing, acc: s.signalAcc }, Math.max(0, bars - st.lineFrom), 'signalRing', 'signalAcc')
    );
  },
  update(s, bar, out, p) {
    const st = stagesOf(p);
    const x = bar[0]!;
    const t = s.bars++;
    const fast = t >= st.fastFrom ? maPush(st.fast, { ring: s.fastRing, acc: s.fastAcc }, x) : NaN;
    const slow = t >= st.slowFrom ? maPush(st.slow, { ring: s.slowRing, acc: s.slowAcc }, x) : NaN;
    if (t < st.lineFrom) {
      out[0] = out[1] = out[2] = NaN;
      return;
    }
    const line = fast - slow;
    const signal = maPush(st.signal, { ring: s.signalRing, acc: s.signalAcc }, line);
    if (Number.isNaN(signal)) {
      out[0] = out[1] = out[2] = NaN;
      return;
    }
    out[0] = line;
    out[1] = signal;
    out[2] = line - signal;
  },
});
