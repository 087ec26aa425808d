import type { IndicatorDefinition, ParamDefinition } from './types.ts';

/** A period parameter as TA-Lib defines it (integer, 2..100000 unless told otherwise). */
export function periodParam(
  name: string,
  defaultValue: number,
  description: string,
  min = 2,
  max = 100_000,
): ParamDefinition {
  return { name, type: 'integer', description, default: defaultValue, min, max };
}

/** TA-Lib's real-valued range (TA_REAL_MIN..TA_REAL_MAX). */
export const TA_REAL_MAX = 3e37;

/**
 * Checks a definition for internal consistency when it is loaded, so a mistake in a new indicator's
 * folder shows up at once and not as a wrong answer later.
 */
export function defineIndicator(def: IndicatorDefinition): IndicatorDefinition {
  const where = `indicator "${def.id}"`;
  if (!/^[a-z][a-z0-9_]*$/.test(def.id)) throw new Error(`${where}: id must be lower-case [a-z0-9_]`);
  if (def.inputs.length === 0) throw new Error(`${where}: needs at least one input`);
  if (def.outputs.length === 0) throw new Error(`${where}: needs at least one output`);
  const names = new Set<string>();
  for (const p of def.params) {
    if (names.has(p.name)) throw new Error(`${where}: duplicate parameter ${p.name}`);
    names.add(p.name);
    if (!(p.min <= p.max)) throw new Error(`${where}: parameter ${p.name} has min > max`);
    if (p.default !== undefined && (p.default < p.min || p.default > p.max)) {
      throw new Error(`${where}: parameter ${p.name} default ${p.default} outside [${p.min}, ${p.max}]`);
    }
  }
  for (const arg of def.talib?.params ?? []) {
    if (typeof arg === 'string' && !names.has(arg)) throw new Error(`${where}: talib mapping names unknown parameter ${arg}`);
  }
  const outs = new Set(def.outputs.map((o) => o.name));
  if (outs.size !== def.outputs.length) throw new Error(`${where}: duplicate output names`);
  return Object.freeze(def);
}
