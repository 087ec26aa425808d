/**
 * POST /v1/indicators/{id} for a body in the fast shape (body.ts): the same checks and kernel call as
 * the generic path (computeJson), and the response text with the number arrays formatted by the
 * WebAssembly module, byte for byte what JSON.stringify writes for the generic path's response.
 */
import type { IndicatorDefinition } from '@chitti/kernels';
import type { Limits } from '../settings.ts';
import { computeJson, type Query } from '../handlers/indicator.ts';
import type { Kernels } from '../handlers/kernels.ts';
import type { FastIndicatorBody } from './body.ts';
import { appendJsonArray, formatJsonArray, formatJsonDocument } from './numbers.ts';

/** The outputs' member names as JSON.stringify orders them (integer-like names first), quoted. */
const outputNames = new Map<string, string[]>();

function namesOf(def: IndicatorDefinition): string[] {
  let names = outputNames.get(def.id);
  if (!names) {
    const order: Record<string, true> = {};
    for (const o of def.outputs) order[o.name] = true;
    names = Object.keys(order);
    outputNames.set(def.id, names);
  }
  return names;
}

export function fastIndicatorJson(def: IndicatorDefinition, body: FastIndicatorBody, query: Query, limits: Limits, kernels: Kernels): string {
  const result = computeJson(def, body.inputs, body.params, query, limits, kernels);
  const names = namesOf(def);
  const arrays = names.map((name) => result.outputs[name]!);
  const texts = names.map((name, i) => `${i > 0 ? ',' : head(def, result)}${JSON.stringify(name)}:`);
  texts.push('}}');
  const whole = formatJsonDocument(texts, arrays);
  if (whole !== undefined) return whole;
  let json = '';
  arrays.forEach((values, i) => {
    json += texts[i] + formatJsonArray(values);
  });
  return json + texts[arrays.length];
}

/** The same response as fastIndicatorJson, as bytes (a worker's response), built without the string. */
export function fastIndicatorJsonBytes(def: IndicatorDefinition, body: FastIndicatorBody, query: Query, limits: Limits, kernels: Kernels): Buffer {
  const result = computeJson(def, body.inputs, body.params, query, limits, kernels);
  const parts: Uint8Array[] = [Buffer.from(head(def, result))];
  namesOf(def).forEach((name, i) => {
    parts.push(Buffer.from(`${i > 0 ? ',' : ''}${JSON.stringify(name)}:`));
    appendJsonArray(result.outputs[name]!, parts);
  });
  parts.push(Buffer.from('}}'));
  return Buffer.concat(parts);
}

function head(def: IndicatorDefinition, result: ReturnType<typeof computeJson>): string {
  return `{"id":${JSON.stringify(def.id)},"params":${JSON.stringify(result.params)},"lookback":${JSON.stringify(result.lookback)},"outputs":{`;
}
