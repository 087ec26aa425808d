import { createRequire } from 'node:module';
import type { Bars } from '../lib/bars.ts';
import type { Peer, PeerCall, TaOpts } from './types.ts';

export interface TalibResult {
  begIndex: number;
  nbElement: number;
  result: Record<string, number[]>;
}
export interface TalibInfo {
  inputs: { name: string; type: string; flags?: Record<string, string> }[];
  optInputs: { name: string; defaultValue: number }[];
  outputs: { name: string }[];
}
interface Talib {
  functions: { name: string }[];
  execute(args: Record<string, unknown>): TalibResult;
  explain(name: string): TalibInfo;
}

export const talib: Talib = createRequire(import.meta.url)('talib');

/** TA-Lib's named real inputs, by our input names: the two series of BETA and CORREL, MAVP's periods. */
const TWO_SERIES: Readonly<Record<string, keyof Bars>> = { inReal0: 'real0', inReal1: 'real1', inPeriods: 'periods' };

/** TA-Lib's input series for a function: its price fields, the two series of BETA and CORREL, MAVP's periods, or the close as its single real input. */
export function talibInputs(info: TalibInfo): { arg: string; field: keyof Bars }[] {
  return info.inputs.flatMap((input) =>
    input.type === 'price'
      ? Object.values(input.flags ?? {}).map((f) => ({ arg: f, field: f as keyof Bars }))
      : [{ arg: input.name, field: TWO_SERIES[input.name] ?? ('close' as const) }],
  );
}

/** TA-Lib's compact outputs padded with NaN in front, in TA-Lib's output order. */
export function alignTalib(info: TalibInfo, res: TalibResult, n: number): Float64Array[] {
  return info.outputs.map((o) => {
    const out = new Float64Array(n).fill(NaN);
    const values = res.result[o.name] ?? [];
    for (let i = 0; i < res.nbElement; i++) out[res.begIndex + i] = values[i]!;
    return out;
  });
}

function call(name: string, opts: TaOpts): PeerCall {
  const info = talib.explain(name);
  const inputs = talibInputs(info);
  return {
    // talib reads JavaScript arrays: a Float64Array gives garbage (checked), so each input is copied.
    run(bars) {
      const args: Record<string, unknown> = { name, startIdx: 0, endIdx: bars.close.length - 1, ...opts };
      for (const { arg, field } of inputs) args[arg] = Array.from(bars[field]);
      return talib.execute(args);
    },
    align: (res, n) => alignTalib(info, res as TalibResult, n),
  };
}

export const talibPeer: Peer = {
  id: 'talib',
  package: 'talib',
  implementation: 'native addon (C)',
  callStyle: 'talib.execute({name, startIdx, endIdx, inReal|high|low|close|volume: number[], optIn...}); Array.from of each Float64Array input',
  functions: Object.fromEntries(talib.functions.map((f) => [f.name, (opts: TaOpts) => call(f.name, opts)])),
};

const lookbacks = new Map<string, number>();

/** TA-Lib's lookback for a function and its optional inputs (its begIndex on a long series). */
export function talibLookback(name: string, opts: TaOpts): number {
  const key = `${name} ${JSON.stringify(opts)}`;
  let lb = lookbacks.get(key);
  if (lb === undefined) {
    const info = talib.explain(name);
    const series = Array.from({ length: 20_000 }, (_, i) => 100 + Math.sin(i / 7) + i * 1e-3);
    const args: Record<string, unknown> = { name, startIdx: 0, endIdx: series.length - 1, ...opts };
    for (const { arg } of talibInputs(info)) args[arg] = series;
    lb = talib.execute(args).begIndex;
    lookbacks.set(key, lb);
  }
  return lb;
}
