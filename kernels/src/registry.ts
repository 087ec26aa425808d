import { UnknownIndicatorError } from './errors.ts';
import { definitions } from './indicators.generated.ts';
import type { IndicatorDefinition } from './types.ts';

const byId = new Map(definitions.map((d) => [d.id, d]));

/** Every indicator, sorted by id. */
export const indicators: readonly IndicatorDefinition[] = definitions;

export function getIndicator(id: string): IndicatorDefinition {
  const def = byId.get(id);
  if (!def) throw new UnknownIndicatorError(id, [...byId.keys()]);
  return def;
}

export function hasIndicator(id: string): boolean {
  return byId.has(id);
}
