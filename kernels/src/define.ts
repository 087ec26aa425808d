import type { IndicatorDefinition, ParamDefinition, Params, ReferenceKernel, StreamKernel, StreamState } from './types.ts';

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
 * The batch kernel of a stream: a fold of `update` over the bars, one output row per bar. The
 * one-input, one-output case (most indicators) gets a loop without the inner copies.
 */
export function batchFromStream(stream: StreamKernel, inputCount: number, outputCount: number): ReferenceKernel {
  if (inputCount === 1 && outputCount === 1) {
    return (inputs, outputs, resolved) => {
      const params = withDerived(stream, resolved);
      const state = stream.init(params);
      const x = inputs[0]!;
      const y = outputs[0]!;
      const bar = new Float64Array(1);
      const out = new Float64Array(1);
      for (let i = 0; i < x.length; i++) {
        bar[0] = x[i]!;
        stream.update(state, bar, out, params);
        y[i] = out[0]!;
      }
    };
  }
  return (inputs, outputs, resolved) => {
    const params = withDerived(stream, resolved);
    const state = stream.init(params);
    const bar = new Float64Array(inputCount);
    const out = new Float64Array(outputCount);
    const n = inputs[0]!.length;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < inputCount; j++) bar[j] = inputs[j]![i]!;
      stream.update(state, bar, out, params);
      for (let k = 0; k < outputCount; k++) outputs[k]![i] = out[k]!;
    }
  };
}

/** The parameters a stream's update sees: the resolved ones plus its derived constants. */
export function withDerived(stream: StreamKernel, params: Params): Params {
  return stream.derive ? { ...params, ...stream.derive(params) } : params;
}

/** Typed helper for indicator folders: keeps a stream's own state type while registering it generically. */
export function streamKernel<S extends StreamState>(kernel: StreamKernel<S>): StreamKernel {
  return kernel as unknown as StreamKernel;
}

export type IndicatorSpec = Omit<IndicatorDefinition, 'reference'> & { reference?: ReferenceKernel };

/**
 * Checks a definition for internal consistency when it is loaded, so a mistake in a new indicator's
 * folder shows up at once and not as a wrong answer later. Derives the reference kernel from the stream.
 */
export function defineIndicator(spec: IndicatorSpec): IndicatorDefinition {
  const def: IndicatorDefinition = {
    ...spec,
    reference: spec.reference ?? batchFromStream(spec.stream, spec.inputs.length, spec.outputs.length),
  };
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
    if (p.names && (p.type !== 'integer' || p.names.length !== p.max - p.min + 1)) throw new Error(`${where}: parameter ${p.name} needs one name per integer value`);
  }
  for (const arg of def.talib?.params ?? []) {
    if (typeof arg === 'string' && !names.has(arg)) throw new Error(`${where}: talib mapping names unknown parameter ${arg}`);
  }
  const outs = new Set(def.outputs.map((o) => o.name));
  if (outs.size !== def.outputs.length) throw new Error(`${where}: duplicate output names`);
  return Object.freeze(def);
}
