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

/** Per indicator: its outputs' names in JSON.stringify's member order (integer-like names first), and each member's key text (`"name":`, after the first `,"name":`). */
const outputMembers = new Map<string, { names: string[]; keys: string[] }>();

function membersOf(def: IndicatorDefinition): { names: string[]; keys: string[] } {
  let members = outputMembers.get(def.id);
  if (!members) {
    const order: Record<string, true> = {};
    for (const o of def.outputs) order[o.name] = true;
    const names = Object.keys(order);
    members = { names, keys: names.map((name, i) => `${i > 0 ? ',' : ''}${JSON.stringify(name)}:`) };
    outputMembers.set(def.id, members);
  }
  return members;
}

/** The response as texts and number arrays in turn (one text more than arrays), for both forms below. */
function responseParts(def: IndicatorDefinition, body: FastIndicatorBody, query: Query, limits: Limits, kernels: Kernels): { texts: string[]; arrays: Float64Array[] } {
  const result = computeJson(def, body.inputs, body.params, query, limits, kernels);
  const { names, keys } = membersOf(def);
  const texts = keys.map((key, i) => (i === 0 ? head(def, result) + key : key));
  texts.push('}}');
  return { texts, arrays: names.map((name) => result.outputs[name]!) };
}

export function fastIndicatorJson(def: IndicatorDefinition, body: FastIndicatorBody, query: Query, limits: Limits, kernels: Kernels): string {
  const { texts, arrays } = responseParts(def, body, query, limits, kernels);
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
  const { texts, arrays } = responseParts(def, body, query, limits, kernels);
  const parts: Uint8Array[] = [];
  arrays.forEach((values, i) => {
    parts.push(Buffer.from(texts[i]!));
    appendJsonArray(values, parts);
  });
  parts.push(Buffer.from(texts[arrays.length]!));
  return Buffer.concat(parts);
}

function head(def: IndicatorDefinition, result: ReturnType<typeof computeJson>): string {
  return `{"id":${JSON.stringify(def.id)},"params":${JSON.stringify(result.params)},"lookback":${JSON.stringify(result.lookback)},"outputs":{`;
}
