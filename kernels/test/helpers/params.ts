import type { IndicatorDefinition, ParamDefinition, Params } from '../../src/types.ts';
import { ohlcv } from './series.ts';

export function defaults(def: IndicatorDefinition): Params {
  return Object.fromEntries(def.params.map((p) => [p.name, p.default!]));
}

/** Parameter sets: defaults, then each parameter at its min and at its max (others at defaults). */
export function boundaryParams(def: IndicatorDefinition): Params[] {
  const sets: Params[] = [defaults(def)];
  for (const p of def.params) {
    for (const v of [p.min, p.max]) sets.push({ ...defaults(def), [p.name]: v });
  }
  return sets;
}

/** A value at fraction f of a realistic span: periods up to 120, reals within [-3, 3] ∩ range. */
export function realisticValue(p: ParamDefinition, f: number): number {
  if (p.type === 'integer') return Math.round(p.min + (Math.min(p.max, 120) - p.min) * f);
  const lo = Math.max(p.min, -3);
  const hi = Math.min(p.max, 3);
  return lo + (hi - lo) * f;
}

export function randomParams(def: IndicatorDefinition, r: () => number): Params {
  return Object.fromEntries(def.params.map((p) => [p.name, realisticValue(p, r())]));
}

/** The definition's inputs, from OHLCV bars built around a close series. */
export function inputsFor(def: IndicatorDefinition, close: Float64Array, seed: number): Record<string, Float64Array> {
  const all = ohlcv(close, seed);
  return Object.fromEntries(def.inputs.map((name) => [name, all[name]]));
}
