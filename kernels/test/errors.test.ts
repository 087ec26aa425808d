// Every bad input is a typed IndicatorError with a stable code and a path naming the field or index.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compute,
  computePanel,
  IndicatorError,
  InvalidInputError,
  InvalidParamError,
  resolveInputs,
  resolveParams,
  UnknownIndicatorError,
  indicators,
  Workspace,
} from '../src/index.ts';
import { inputsFor } from './helpers/params.ts';
import { shapes } from './helpers/series.ts';
import { defineIndicator } from '../src/define.ts';
import type { IndicatorErrorCode } from '../src/errors.ts';

function throwsCode(fn: () => unknown, type: new (...args: never[]) => IndicatorError, code: IndicatorErrorCode, path: string, message?: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof type, `expected ${type.name}, got ${String(err)}`);
    assert.ok(err instanceof IndicatorError);
    assert.equal(err.code, code);
    assert.equal(err.path, path);
    if (message) assert.match(err.message, message);
    return true;
  });
}

const close = [1, 2, 3, 4, 5, 6, 7, 8];

test('unknown indicator', () => {
  throwsCode(() => compute('smaa', { close }), UnknownIndicatorError, 'UNKNOWN_INDICATOR', 'id', /unknown indicator "smaa"; known: .*sma/);
});

test('missing input', () => {
  throwsCode(() => compute('sma', {}), InvalidInputError, 'MISSING_INPUT', 'inputs.close', /missing input "close"/);
});

test('extra input', () => {
  throwsCode(() => compute('sma', { close, high: close }), InvalidInputError, 'UNEXPECTED_INPUT', 'inputs.high', /unexpected input "high"/);
});

test('inputs of different lengths', () => {
  // A two-input definition, to exercise the length check that compute() runs for every indicator.
  const mismatch = defineIndicator({
    id: 'spread_test',
    name: 'test',
    group: 'Statistic Functions',
    description: 'test',
    inputs: ['high', 'low'],
    params: [],
    outputs: [{ name: 'out', description: 'test' }],
    lookback: () => 0,
    lookbackFormula: '0',
    tolerance: 'n/a',
    talib: { name: 'NONE', params: [] },
    notes: [],
    stream: { init: () => ({}), spec: () => ({}), update: () => {} },
    simdPanel: false,
  });
  throwsCode(() => resolveInputs(mismatch, { high: [1, 2, 3], low: [1, 2] }), InvalidInputError, 'LENGTH_MISMATCH', 'inputs.low', /has 2 values but "high" has 3/);
});

test('a non-finite value names its index', () => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    throwsCode(() => compute('ema', { close: [1, 2, 3, bad, 5] }), InvalidInputError, 'NON_FINITE_INPUT', 'inputs.close[3]', /index 3/);
    const f = new Float64Array([1, 2, 3, 4, 5, bad]);
    throwsCode(() => compute('ema', { close: f }), InvalidInputError, 'NON_FINITE_INPUT', 'inputs.close[5]', /index 5/);
  }
  try {
    compute('rsi', { close: [1, NaN] });
  } catch (err) {
    assert.equal((err as InvalidInputError).index, 1);
  }
});

test('non-number elements and non-array inputs', () => {
  throwsCode(() => compute('sma', { close: [1, '2' as unknown as number, 3] }), InvalidInputError, 'INVALID_INPUT_TYPE', 'inputs.close[1]', /the string "2"/);
  throwsCode(() => compute('sma', { close: [1, null as unknown as number] }), InvalidInputError, 'INVALID_INPUT_TYPE', 'inputs.close[1]', /null/);
  throwsCode(() => compute('sma', { close: 'abc' as unknown as number[] }), InvalidInputError, 'INVALID_INPUT_TYPE', 'inputs.close');
  throwsCode(() => compute('sma', null as never), InvalidInputError, 'INVALID_INPUT_TYPE', 'inputs');
});

test('parameter not an integer', () => {
  throwsCode(() => compute('sma', { close }, { period: 2.5 }), InvalidParamError, 'PARAM_NOT_INTEGER', 'params.period', /must be an integer, got 2.5/);
});

test('parameter out of range, at both ends', () => {
  throwsCode(() => compute('sma', { close }, { period: 1 }), InvalidParamError, 'PARAM_OUT_OF_RANGE', 'params.period', /between 2 and 100000, got 1/);
  throwsCode(() => compute('sma', { close }, { period: 100_001 }), InvalidParamError, 'PARAM_OUT_OF_RANGE', 'params.period');
  throwsCode(() => compute('rsi', { close }, { period: -14 }), InvalidParamError, 'PARAM_OUT_OF_RANGE', 'params.period');
  throwsCode(() => compute('bbands', { close }, { devUp: 4e37 }), InvalidParamError, 'PARAM_OUT_OF_RANGE', 'params.devUp');
});

test('parameter of the wrong type or non-finite', () => {
  throwsCode(() => compute('sma', { close }, { period: '20' as unknown as number }), InvalidParamError, 'INVALID_PARAM_TYPE', 'params.period', /finite number, got the string "20"/);
  throwsCode(() => compute('bbands', { close }, { devUp: NaN }), InvalidParamError, 'INVALID_PARAM_TYPE', 'params.devUp');
  throwsCode(() => compute('bbands', { close }, { devUp: Infinity }), InvalidParamError, 'INVALID_PARAM_TYPE', 'params.devUp');
  throwsCode(() => compute('sma', { close }, 5 as never), InvalidParamError, 'INVALID_PARAM_TYPE', 'params');
});

test('unknown parameter', () => {
  throwsCode(() => compute('sma', { close }, { periods: 5 }), InvalidParamError, 'UNKNOWN_PARAM', 'params.periods', /expected period/);
});

test('a required parameter that is missing, or given as null', () => {
  const def = defineIndicator({
    id: 'required_test',
    name: 'test',
    group: 'Statistic Functions',
    description: 'test',
    inputs: ['close'],
    params: [{ name: 'anchor', type: 'integer', description: 'no default', min: 0, max: 10 }],
    outputs: [{ name: 'out', description: 'test' }],
    lookback: () => 0,
    lookbackFormula: '0',
    tolerance: 'n/a',
    talib: { name: 'NONE', params: [] },
    notes: [],
    stream: { init: () => ({}), spec: () => ({}), update: () => {} },
    simdPanel: false,
  });
  throwsCode(() => resolveParams(def, {}), InvalidParamError, 'MISSING_PARAM', 'params.anchor', /required/);
  throwsCode(() => resolveParams(def, { anchor: null as unknown as number }), InvalidParamError, 'MISSING_PARAM', 'params.anchor');
  assert.deepEqual(resolveParams(def, { anchor: 3 }), { anchor: 3 });
});

test('defaults are applied and reported', () => {
  assert.deepEqual(compute('macd', { close: [] }).params, { fast: 12, slow: 26, signal: 9 });
  assert.deepEqual(compute('bbands', { close: [] }, { devDown: 1 }).params, { period: 5, devUp: 2, devDown: 1, maType: 0 });
});

test('output buffers of the wrong length or type', () => {
  throwsCode(() => compute('sma', { close }, { period: 2 }, { outputs: { sma: new Float64Array(3) } }), IndicatorError, 'INVALID_OUTPUT_BUFFER', 'outputs.sma', /length 8/);
  throwsCode(() => compute('sma', { close }, { period: 2 }, { outputs: { sma: [] as unknown as Float64Array } }), IndicatorError, 'INVALID_OUTPUT_BUFFER', 'outputs.sma');
});

test("a refused call leaves the caller's output arrays untouched, for every indicator and kernel", () => {
  for (const def of indicators) {
    for (const n of [60, 1500]) {
      const inputs = inputsFor(def, shapes[0]!.make(n, 5), 5);
      const name = def.inputs.at(-1)!;
      inputs[name]![n - 1] = NaN;
      for (const kernel of [undefined, 'wasm-simd', 'typescript'] as const) {
        const own = Object.fromEntries(def.outputs.map((o) => [o.name, new Float64Array(n).fill(7)]));
        const where = `${def.id} n=${n} kernel=${kernel ?? 'default'}`;
        throwsCode(() => compute(def.id, inputs, undefined, { outputs: own, kernel }), InvalidInputError, 'NON_FINITE_INPUT', `inputs.${name}[${n - 1}]`);
        for (const o of def.outputs) assert.ok(own[o.name]!.every((v) => v === 7), where);
      }
    }
  }
});

test('panel: empty, unequal lengths, a bad series named by position', () => {
  throwsCode(() => computePanel('ema', []), InvalidInputError, 'INVALID_PANEL', 'panel');
  throwsCode(() => computePanel('ema', [{ close: [1, 2, 3] }, { close: [1, 2] }]), InvalidInputError, 'INVALID_PANEL', 'panel[1]', /series 1 has 2 values but series 0 has 3/);
  throwsCode(() => computePanel('ema', [{ close: [1, 2, 3] }, { close: [1, Infinity, 3] }]), InvalidInputError, 'NON_FINITE_INPUT', 'panel[1].inputs.close[1]');
});

test('workspace: bad sizes, unknown names, non-finite input, use after dispose', () => {
  throwsCode(() => new Workspace('sma', -1), InvalidInputError, 'INVALID_INPUT_TYPE', 'length');
  throwsCode(() => new Workspace('sma', 10, 0), InvalidInputError, 'INVALID_PANEL', 'count');
  const ws = new Workspace('sma', 10);
  throwsCode(() => ws.input('high'), InvalidInputError, 'UNEXPECTED_INPUT', 'inputs.high');
  throwsCode(() => ws.output('ema'), IndicatorError, 'INVALID_OUTPUT_BUFFER', 'outputs.ema');
  ws.input('close').fill(1);
  ws.input('close')[4] = NaN;
  throwsCode(() => ws.run({ period: 3 }), InvalidInputError, 'NON_FINITE_INPUT', 'inputs.close[4]');
  ws.dispose();
  throwsCode(() => ws.input('close'), IndicatorError, 'WORKSPACE_DISPOSED', 'workspace');
});
