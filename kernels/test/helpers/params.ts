import type { IndicatorDefinition, ParamDefinition, Params } from '../../src/types.ts';
import { ohlcv } from './series.ts';
import { MA_MAX_PERIOD } from '../../src/reference/ma.ts';

export function defaults(def: IndicatorDefinition): Params {
  return Object.fromEntries(def.params.map((p) => [p.name, p.default!]));
}

/** The values a choice parameter (one with named values, e.g. an MA type) accepts in this build. */
export function choices(p: ParamDefinition): number[] {
  const values: number[] = [];
  for (let v = p.min; v <= p.max; v++) values.push(v);
  return values;
}

/**
 * Parameter sets: defaults, then each parameter at its min and at its max (others at defaults). For
 * each choice parameter (an MA type), the same sets again under each of its values, except the max of
 * parameters that reach beyond MA_MAX_PERIOD: every MA period stops there, so those feed no MA (e.g.
 * STOCH's fastK); their max is covered under the default type.
 */
export function boundaryParams(def: IndicatorDefinition): Params[] {
  const base = (over: Params): Params[] => {
    const sets: Params[] = [{ ...defaults(def), ...over }];
    const typed = Object.keys(over).length > 0;
    for (const p of def.params) {
      if (p.names || p.name in over) continue;
      for (const v of [p.min, p.max]) {
        if (typed && v === p.max && p.type === 'integer' && p.max > MA_MAX_PERIOD) continue;
        sets.push({ ...defaults(def), ...over, [p.name]: v });
      }
    }
    return sets;
  };
  const sets = base({});
  for (const p of def.params.filter((q) => q.names)) {
    for (const v of choices(p)) if (v !== p.default) sets.push(...base({ [p.name]: v }));
  }
  return sets.map((s) => withinLimit(def, s));
}

/** The parameters with a narrowed maximum (IndicatorDefinition.paramLimit) clamped to it. */
export function withinLimit(def: IndicatorDefinition, params: Params): Params {
  const limit = def.paramLimit?.(params);
  return limit && params[limit.param]! > limit.max ? { ...params, [limit.param]: limit.max } : params;
}

/** A value at fraction f of a realistic span: periods up to 120, reals within [-3, 3] ∩ range. */
export function realisticValue(p: ParamDefinition, f: number): number {
  if (p.names) {
    const values = choices(p);
    return values[Math.min(values.length - 1, Math.floor(f * values.length))]!;
  }
  if (p.type === 'integer') return Math.round(p.min + (Math.min(p.max, 120) - p.min) * f);
  const lo = Math.max(p.min, -3);
  const hi = Math.min(p.max, 3);
  return lo + (hi - lo) * f;
}

export function randomParams(def: IndicatorDefinition, r: () => number): Params {
  return withinLimit(def, Object.fromEntries(def.params.map((p) => [p.name, realisticValue(p, r())])));
}

/** The definition's inputs, from OHLCV bars built around a close series. */
export function inputsFor(def: IndicatorDefinition, close: Float64Array, seed: number): Record<string, Float64Array> {
  const all = ohlcv(close, seed);
  return Object.fromEntries(def.inputs.map((name) => [name, all[name]]));
}
