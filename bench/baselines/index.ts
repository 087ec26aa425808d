// Plain TypeScript loops, written as a competent user would write them (no SIMD, no tricks), for the
// benchmark's baselines: each indicator into preallocated outputs, and into fresh Float64Arrays.
// bench/test/baselines.test.ts checks that each computes what compute() computes.
import type { Params } from '@chitti/kernels';
import { atrLoop } from './atr.ts';
import { bbandsLoop } from './bbands.ts';
import { emaLoop } from './ema.ts';
import { macdLoop } from './macd.ts';
import { rsiLoop } from './rsi.ts';
import { smaLoop } from './sma.ts';
import { stochLoop } from './stoch.ts';

type In = Readonly<Record<string, Float64Array>>;

export interface Baseline {
  /** Output count (the loop writes this many arrays). */
  outputs: number;
  /** Runs the loop into `outs` (registry output order). */
  run(inputs: In, outs: Float64Array[], p: Params): void;
}

export const baselines: Readonly<Record<string, Baseline>> = {
  sma: { outputs: 1, run: (x, o, p) => smaLoop(x.close!, o[0]!, p.period!) },
  ema: { outputs: 1, run: (x, o, p) => emaLoop(x.close!, o[0]!, p.period!) },
  rsi: { outputs: 1, run: (x, o, p) => rsiLoop(x.close!, o[0]!, p.period!) },
  bbands: { outputs: 3, run: (x, o, p) => bbandsLoop(x.close!, o[0]!, o[1]!, o[2]!, p.period!, p.devUp!, p.devDown!) },
  macd: { outputs: 3, run: (x, o, p) => macdLoop(x.close!, o[0]!, o[1]!, o[2]!, Math.min(p.fast!, p.slow!), Math.max(p.fast!, p.slow!), p.signal!) },
  atr: { outputs: 1, run: (x, o, p) => atrLoop(x.high!, x.low!, x.close!, o[0]!, p.period!) },
  stoch: { outputs: 2, run: (x, o, p) => stochLoop(x.high!, x.low!, x.close!, o[0]!, o[1]!, p.fastK!, p.slowK!, p.slowD!) },
};

/** The loop as users call it when it returns new arrays: one fresh Float64Array per output. */
export function runFresh(b: Baseline, inputs: In, n: number, p: Params): Float64Array[] {
  const outs: Float64Array[] = [];
  for (let k = 0; k < b.outputs; k++) outs.push(new Float64Array(n));
  b.run(inputs, outs, p);
  return outs;
}
