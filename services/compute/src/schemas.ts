/**
 * TypeBox schemas, all derived from the indicator registry. The generic ones validate requests (the
 * kernels library then checks names, lengths and ranges per indicator with precise messages); the
 * per-indicator ones document each indicator exactly in the OpenAPI document.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { INPUT_ORDER, type IndicatorDefinition } from '@chitti/kernels';

const Series = Type.Array(Type.Number(), { description: 'Values in time order; finite numbers only (JSON has no NaN).' });
const NumberRecord = Type.Record(Type.String(), Type.Number());

export const IndicatorRequest = Type.Object(
  {
    inputs: Type.Record(Type.String(), Series, { description: "The indicator's input series by name, of equal length." }),
    params: Type.Optional(NumberRecord),
  },
  { additionalProperties: false },
);

export const BatchSpec = Type.Object(
  {
    id: Type.String({ description: 'Indicator id, as listed by GET /v1/indicators.' }),
    params: Type.Optional(NumberRecord),
    key: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'Name of this spec in the results; defaults to the id.' })),
  },
  { additionalProperties: false },
);

export const BatchRequest = Type.Object(
  {
    series: Type.Record(Type.String(), Type.Record(Type.String(), Series), {
      description: `Series by key (e.g. a symbol), each an object of input series (${INPUT_ORDER.join(', ')}) of equal length.`,
    }),
    specs: Type.Array(BatchSpec, { minItems: 1, description: 'Indicators to compute on every series.' }),
  },
  { additionalProperties: false },
);

export const Problem = Type.Object(
  {
    type: Type.String({ description: 'Stable problem type URI (relative; GET it for a description).' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ description: 'What is wrong, naming the offending field or index.' }),
    pointer: Type.Optional(Type.String({ description: 'Where: inputs.close[17], params.period, series.AAPL.close, specs[2].params.period.' })),
    index: Type.Optional(Type.Integer({ description: 'Index of the offending element of a series.' })),
    code: Type.Optional(Type.String({ description: 'Stable machine-readable code.' })),
    requestId: Type.Optional(Type.String()),
  },
  { $id: 'Problem' },
);

const NullableSeries = Type.Array(Type.Union([Type.Number(), Type.Null()]), { description: 'Aligned with the input; null in the lookback region.' });

function paramSchema(def: IndicatorDefinition): TSchema {
  const props: Record<string, TSchema> = {};
  for (const p of def.params) {
    const opts = { minimum: p.min, maximum: p.max, description: p.description, ...(p.default === undefined ? {} : { default: p.default }) };
    const s = p.type === 'integer' ? Type.Integer(opts) : Type.Number(opts);
    props[p.name] = p.default === undefined ? s : Type.Optional(s);
  }
  return Type.Object(props, { additionalProperties: false });
}

function resolvedParamSchema(def: IndicatorDefinition): TSchema {
  const props: Record<string, TSchema> = {};
  for (const p of def.params) props[p.name] = p.type === 'integer' ? Type.Integer() : Type.Number();
  return Type.Object(props, { description: 'Parameters as used, defaults filled in.' });
}

/** The JSON request body of POST /v1/indicators/{def.id}. */
export function requestSchemaFor(def: IndicatorDefinition): TSchema {
  const inputs: Record<string, TSchema> = {};
  for (const name of def.inputs) inputs[name] = Series;
  return Type.Object(
    { inputs: Type.Object(inputs, { additionalProperties: false }), params: Type.Optional(paramSchema(def)) },
    { additionalProperties: false, description: `${def.name}: ${def.description}` },
  );
}

/** The JSON response body of POST /v1/indicators/{def.id}. */
export function responseSchemaFor(def: IndicatorDefinition): TSchema {
  const outputs: Record<string, TSchema> = {};
  for (const o of def.outputs) outputs[o.name] = { ...NullableSeries, description: `${o.description}; null in the lookback region.` };
  return Type.Object({
    id: Type.Literal(def.id),
    params: resolvedParamSchema(def),
    lookback: Type.Integer({ description: `Leading positions with no value: ${def.lookbackFormula}.` }),
    outputs: Type.Object(outputs),
  });
}

export const IndicatorListing = Type.Object({
  indicators: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      group: Type.String(),
      description: Type.String(),
      inputs: Type.Array(Type.String()),
      params: Type.Array(
        Type.Object({
          name: Type.String(),
          type: Type.Union([Type.Literal('integer'), Type.Literal('real')]),
          default: Type.Optional(Type.Number()),
          min: Type.Number(),
          max: Type.Number(),
          description: Type.String(),
        }),
      ),
      outputs: Type.Array(Type.Object({ name: Type.String(), description: Type.String() })),
      lookbackFormula: Type.String(),
      notes: Type.Array(Type.String()),
      tolerance: Type.String(),
      panelKernel: Type.Boolean({ description: 'Whether batches of equal-length series run side by side in SIMD lanes.' }),
    }),
  ),
});

export const BatchResponse = Type.Object({
  specs: Type.Record(Type.String(), Type.Object({ id: Type.String(), params: NumberRecord, lookback: Type.Integer() }), {
    description: 'Each spec by key: indicator, resolved parameters, lookback.',
  }),
  results: Type.Record(Type.String(), Type.Record(Type.String(), Type.Record(Type.String(), NullableSeries)), {
    description: 'results[seriesKey][specKey][outputName]: the outputs, aligned with the series.',
  }),
});

/** The registry entry as served by GET /v1/indicators. */
export function describeIndicator(def: IndicatorDefinition) {
  return {
    id: def.id,
    name: def.name,
    group: def.group,
    description: def.description,
    inputs: [...def.inputs],
    params: def.params.map((p) => ({ name: p.name, type: p.type, ...(p.default === undefined ? {} : { default: p.default }), min: p.min, max: p.max, description: p.description })),
    outputs: def.outputs.map((o) => ({ name: o.name, description: o.description })),
    lookbackFormula: def.lookbackFormula,
    notes: [...def.notes],
    tolerance: def.tolerance,
    panelKernel: def.simdPanel,
  };
}
