import type { IndicatorDefinition, Params } from '@chitti/kernels';
import { talib } from '../peers/talib.ts';
import type { TaOpts } from '../peers/types.ts';

/** The settings for the headline indicators; every other indicator runs with its defaults. */
export const BENCH_PARAMS: Readonly<Record<string, Params>> = {
  sma: { period: 20 },
  ema: { period: 20 },
  rsi: { period: 14 },
  bbands: { period: 20, devUp: 2, devDown: 2 },
  macd: { fast: 12, slow: 26, signal: 9 },
};

export function benchParams(def: IndicatorDefinition): Params {
  return BENCH_PARAMS[def.id] ?? Object.fromEntries(def.params.map((p) => [p.name, p.default!]));
}

/** Our parameters as TA-Lib's optional inputs, through the registry's TA-Lib mapping. */
export function taOpts(def: IndicatorDefinition, params: Params): TaOpts {
  const info = talib.explain(def.talib!.name);
  return Object.fromEntries(
    info.optInputs.map((o, i) => {
      const arg = def.talib!.params[i];
      if (arg === undefined) throw new Error(`${def.id}: no mapping for TA-Lib ${o.name}`);
      return [o.name, typeof arg === 'number' ? arg : params[arg]!];
    }),
  );
}
