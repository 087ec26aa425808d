import { createRequire } from 'node:module';
import type { IndicatorDefinition, Params } from '../../src/types.ts';

interface TalibResult {
  begIndex: number;
  nbElement: number;
  result: Record<string, number[]>;
}
interface TalibInfo {
  inputs: { name: string; type: string; flags?: Record<string, string> }[];
  optInputs: { name: string }[];
  outputs: { name: string }[];
}
interface Talib {
  execute(args: Record<string, unknown>): TalibResult;
  explain(name: string): TalibInfo;
}

export const talib: Talib = createRequire(import.meta.url)('talib');

/**
 * TA-Lib's outputs for a definition, padded with NaN in front to the input length (the lookback
 * region), in the definition's output order. For indicators whose running sums we re-sum, TA-Lib is
 * asked for each re-sum block separately (its startIdx), so it starts its sums fresh where we do.
 */
export function talibOutputs(def: IndicatorDefinition, inputs: Record<string, Float64Array>, params: Params): Float64Array[] {
  if (!def.talib) throw new Error(`${def.id} has no TA-Lib counterpart`);
  const n = inputs[def.inputs[0]!]!.length;
  const lookback = def.lookback(params);
  const outs = def.outputs.map(() => new Float64Array(n).fill(NaN));
  const every = def.resumEvery?.(params) ?? n;
  for (let start = lookback; start < n; start += every) {
    const block = talibRange(def, inputs, params, start, Math.min(start + every, n) - 1);
    block.forEach((b, k) => {
      for (let i = start; i < Math.min(start + every, n); i++) if (!Number.isNaN(b[i]!)) outs[k]![i] = b[i]!;
    });
  }
  return outs;
}

/** TA-Lib's named real inputs, by our input names: the two-series functions (BETA, CORREL) and MAVP's periods. */
const TWO_SERIES: Readonly<Record<string, string>> = { inReal0: 'real0', inReal1: 'real1', inPeriods: 'periods' };

/** TA-Lib over startIdx..endIdx, padded to the input length. */
function talibRange(def: IndicatorDefinition, inputs: Record<string, Float64Array>, params: Params, startIdx: number, endIdx: number): Float64Array[] {
  const ta = def.talib!;
  const info = talib.explain(ta.name);
  const args: Record<string, unknown> = { name: ta.name, startIdx, endIdx };
  const n = inputs[def.inputs[0]!]!.length;
  for (const input of info.inputs) {
    if (input.type === 'price') {
      for (const field of Object.values(input.flags ?? {})) args[field] = Array.from(inputs[field]!);
    } else if (input.name in TWO_SERIES) {
      args[input.name] = Array.from(inputs[TWO_SERIES[input.name]!]!);
    } else {
      // TA-Lib's single real input is the close where the indicator reads several series.
      args[input.name] = Array.from(inputs.close ?? inputs[def.inputs[0]!]!);
    }
  }
  Object.assign(args, talibOptInputs(def, params));
  const res = talib.execute(args);
  if (!res) throw new Error(`TA-Lib ${ta.name} failed for ${JSON.stringify(params)}`);
  return info.outputs.map((o) => {
    const out = new Float64Array(n).fill(NaN);
    const values = res.result[o.name] ?? [];
    for (let i = 0; i < res.nbElement; i++) out[res.begIndex + i] = values[i]!;
    return out;
  });
}

/** TA-Lib's optional inputs for our parameters: mapped by position, fixed values as given. */
export function talibOptInputs(def: IndicatorDefinition, params: Params): Record<string, number> {
  const info = talib.explain(def.talib!.name);
  if (info.optInputs.length !== def.talib!.params.length) {
    throw new Error(`${def.id}: TA-Lib ${def.talib!.name} has ${info.optInputs.length} optional inputs, the mapping ${def.talib!.params.length}`);
  }
  return Object.fromEntries(
    info.optInputs.map((opt, i) => {
      const arg = def.talib!.params[i]!;
      return [opt.name, typeof arg === 'number' ? arg : params[arg]!];
    }),
  );
}
