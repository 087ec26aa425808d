/**
 * The fast JSON path of POST /v1/indicators/{id} (src/json-fast/) against the generic one (src/json.ts,
 * the request schema, compute/indicator.ts): generated bodies, valid and broken, are either taken by
 * the fast path with exactly the generic path's values, or left to the generic path; over HTTP, the
 * responses are byte for byte the generic path's and every invalid body gets the generic path's
 * problem. fast-check with a fixed seed (PROPERTY_SEED overrides); bounded counts.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getIndicator } from '@chitti/kernels';
import { indicatorJson } from '../src/handlers/indicator.ts';
import { recordingKernels } from '../src/handlers/kernels.ts';
import { fastIndicatorJson, fastIndicatorJsonBytes, parseIndicatorBody } from '../src/json-fast/index.ts';
import { WINDOW_BYTES } from '../src/json-fast/numbers.ts';
import { parseJsonBody } from '../src/json.ts';
import { toProblem } from '../src/problem.ts';
import { DEFAULT_LIMITS } from '../src/settings.ts';
import { validateIndicatorRequest } from '../src/request-validation.ts';
import { start, type Harness } from './helpers.ts';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261203);
const options = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true });

/** The generic path's reading of a body: its value after the schema, or the problem it throws. */
function generic(bytes: Buffer): { ok: true; value: { inputs: Record<string, number[]>; params?: Record<string, number> } } | { ok: false } {
  try {
    return { ok: true, value: validateIndicatorRequest(parseJsonBody(bytes)) as never };
  } catch {
    return { ok: false };
  }
}

const space = fc.constantFrom('', ' ', '\n', '\t', '\r\n', '  \t ');
const finite = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: 1, max: 1000, noNaN: true }), fc.integer({ min: -1000, max: 1000 }), fc.constant(-0));
/** A number as clients write it: JSON.stringify's text, or a longer / differently written equal form. */
const numberText = fc.oneof(
  finite.map((v) => JSON.stringify(v)),
  finite.map((v) => (Object.is(v, -0) ? '-0' : v.toExponential(20).replace('e+', 'E'))),
  finite.map((v) => v.toPrecision(21)),
);
/** A member name as written: plain, or with escapes JSON.parse decodes ("\u0063lose", "\/"). */
const escapeSome = (name: string) => fc.constantFrom(name, name.replace(/^(.)/, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), name.replace(/e/g, '\\u0065'));
const inputName = fc.constantFrom('close', 'high', 'low', 'open', 'volume', 'x', '', 'a\\nb', 'clo\\/se').chain(escapeSome);
const paramName = fc.constantFrom('period', 'fast', 'slow', 'nbDevUp', 'p').chain(escapeSome);

type Sp = [string, string, string, string];
const member = (name: string, value: string, [a, b, c, d]: Sp) => `${a}"${name}"${b}:${c}${value}${d}`;
const sp4 = fc.tuple(space, space, space, space);
const array = fc.tuple(fc.array(fc.tuple(space, numberText, space), { maxLength: 12 }), space).map(([items, s]) => (items.length ? `[${items.map(([a, n, b]) => a + n + b).join(',')}]` : `[${s}]`));
const object = <T,>(members: fc.Arbitrary<[string, string, Sp][]>, s: string) => members.map((ms) => (ms.length ? `{${ms.map(([n, v, w]) => member(n, v, w)).join(',')}}` : `{${s}}`));
const inputsObject = space.chain((s) => object(fc.array(fc.tuple(inputName, array, sp4), { maxLength: 4 }), s));
const paramsObject = space.chain((s) => object(fc.array(fc.tuple(paramName, numberText, sp4), { maxLength: 3 }), s));

/** Bodies in the fast shape: inputs and optional params, either order, whitespace anywhere. */
const fastShaped = fc.tuple(inputsObject, fc.option(paramsObject, { nil: undefined }), fc.boolean(), sp4, sp4, space, space).map(([inputs, params, paramsFirst, w1, w2, s1, s2]) => {
  const members = [member('inputs', inputs, w1), ...(params === undefined ? [] : [member('params', params, w2)])];
  if (paramsFirst) members.reverse();
  return `${s1}{${members.join(',')}}${s2}`;
});

/** Small edits that take a body out of the fast shape or out of JSON altogether. */
const edits: [string, (body: string) => string][] = [
  ['duplicate member', (b) => b.replace(/"inputs"\s*:\s*\{/, (m) => `${m}"dup":[1],"dup":[2],`)],
  ['__proto__', (b) => b.replace(/"inputs"\s*:\s*\{/, (m) => `${m}"__proto__":[1],`)],
  ['escaped __proto__', (b) => b.replace(/"inputs"\s*:\s*\{/, (m) => `${m}"\\u005f_proto__":[1],`)],
  ['extra member', (b) => b.replace(/^(\s*)\{/, '$1{"extra":1,')],
  ['inputs twice', (b) => b.replace(/^(\s*)\{/, '$1{"inputs":{},')],
  ['null element', (b) => b.replace(/\[/, '[null,')],
  ['string element', (b) => b.replace(/\[/, '["1",')],
  ['nested array', (b) => b.replace(/\[/, '[[1],')],
  ['leading zero', (b) => b.replace(/\[/, '[01,')],
  ['trailing comma', (b) => b.replace(/\]/, ',]')],
  ['NaN', (b) => b.replace(/\[/, '[NaN,')],
  ['overflow', (b) => b.replace(/\[/, '[1e400,')],
  ['non-ASCII name', (b) => b.replace(/"inputs"\s*:\s*\{/, (m) => `${m}"clösé":[1],`)],
  ['byte order mark', (b) => `\ufeff${b}`],
  ['trailing garbage', (b) => `${b}x`],
  ['truncated', (b) => b.slice(0, Math.max(1, b.length - 2))],
  ['params not an object', (b) => b.replace(/^(\s*)\{/, '$1{"params":[20],')],
  ['param a string', (b) => b.replace(/^(\s*)\{/, '$1{"params":{"period":"20"},')],
  ['vertical tab', (b) => b.replace(/\[/, '[\v')],
  ['raw control character in a name', (b) => b.replace(/"inputs"\s*:\s*\{/, (m) => `${m}"a\u0001":[1],`)],
];
const edited = fc.tuple(fastShaped, fc.constantFrom(...edits)).map(([body, [, edit]]) => edit(body));

test('a body in the fast shape is read with exactly the generic path\'s values; any other is left to it', () => {
  let valid = 0;
  let taken = 0;
  fc.assert(
    fc.property(fc.oneof(fastShaped, edited), (text) => {
      const bytes = Buffer.from(text, 'utf8');
      const fast = parseIndicatorBody(bytes);
      const want = generic(bytes);
      if (!want.ok) return assert.equal(fast, undefined, `the generic path refuses ${text}`);
      valid++;
      if (fast === undefined) return; // left to the generic path, which answers as before
      taken++;
      assert.deepEqual(Object.keys(fast.inputs), Object.keys(want.value.inputs), text);
      for (const [name, series] of Object.entries(want.value.inputs)) {
        const got: number[] = Array.from(fast.inputs[name]!);
        assert.equal(got.length, series.length, text);
        got.forEach((v: number, i: number) => assert.ok(Object.is(v, series[i]), `${text}: inputs.${name}[${i}] ${v} != ${series[i]}`));
      }
      assert.equal(fast.params === undefined, want.value.params === undefined, text);
      if (fast.params) {
        assert.deepEqual(Object.keys(fast.params), Object.keys(want.value.params!), text);
        for (const [k, v] of Object.entries(want.value.params!)) assert.ok(Object.is(fast.params[k], v), text);
      }
    }),
    options(4000),
  );
  // Not a vacuous property: most valid bodies are taken (the rest have a name with a line break).
  assert.ok(taken > 0.6 * valid, `${taken} of ${valid} valid bodies taken`);
});

test('the fast shape takes what it should (escaped names, any whitespace, numbers for the exact parser)', () => {
  const taken = [
    '{"inputs":{"close":[1,2,3]}}',
    ' \n{ "params" : { "period" : 2 } ,\t"inputs" : { "\\u0063lose" : [ 1 , 2.5e3 , -0 , 0.1e-2 ] } }\r\n',
    `{"inputs":{"close":[1.${'3'.repeat(30)},123456789012345678901234567890]}}`,
    '{"inputs":{}}',
    '{"inputs":{"close":[]},"params":{}}',
  ];
  for (const text of taken) assert.ok(parseIndicatorBody(Buffer.from(text)), text);
  for (const [name, edit] of edits) assert.equal(parseIndicatorBody(Buffer.from(edit('{"inputs":{"close":[1,2]},"params":{"period":2}}'))), undefined, name);
});

let h: Harness;
before(async () => {
  h = await start({ workers: { threads: 1, jsonBytes: 2_500_000, binaryPoints: 1_000_000, queue: 4 } });
});
after(async () => h.close());

const kernels = recordingKernels([]);
/** What the generic path answers for a body: its response text, or its problem. */
function genericAnswer(id: string, text: string): { ok: true; body: string } | { ok: false; status: number; code: unknown; pointer: unknown; detail: string } {
  try {
    return { ok: true, body: indicatorJson(getIndicator(id), parseJsonBody(Buffer.from(text)), {}, DEFAULT_LIMITS, kernels) };
  } catch (err) {
    const p = toProblem(err);
    return { ok: false, status: p.type.status, code: p.extensions.code, pointer: p.extensions.pointer, detail: p.message };
  }
}

async function checkOverHttp(id: string, text: string): Promise<void> {
  const res = await h.call('tcp', `/v1/indicators/${id}`, { headers: { 'content-type': 'application/json' }, body: text });
  const want = genericAnswer(id, text);
  if (want.ok) {
    assert.equal(res.status, 200, res.text());
    assert.ok(res.body.equals(Buffer.from(want.body)), `${id} ${text.slice(0, 200)}: the response differs from JSON.stringify's`);
  } else {
    const got = res.json();
    assert.deepEqual({ status: res.status, code: got.code, pointer: got.pointer, detail: got.detail }, { status: want.status, code: want.code, pointer: want.pointer, detail: want.detail }, text.slice(0, 200));
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  }
}

const prices = (n: number, seed: number) => Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin(seed + i / 7) + ((i * 7919) % 13) / 17);

test('over HTTP: every response byte for byte the generic path\'s, every problem the generic path\'s', async () => {
  const bodyFor = fc.constantFrom('sma', 'macd', 'bbands', 'atr', 'stoch').chain((id) => {
    const def = getIndicator(id);
    const values = fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 0, maxLength: 60 });
    const inputs = fc.tuple(...def.inputs.map(() => values)).map((arrays) => Object.fromEntries(def.inputs.map((name, i) => [name, arrays[i]!.slice(0, Math.min(...arrays.map((a) => a.length)))])));
    const params = fc.option(fc.record({ period: fc.integer({ min: 0, max: 40 }) }, { requiredKeys: [] }), { nil: undefined });
    return fc.tuple(fc.constant(id), inputs, params).map(([i, inp, p]) => [i, JSON.stringify(p === undefined ? { inputs: inp } : { inputs: inp, params: p })] as const);
  });
  await fc.assert(
    fc.asyncProperty(fc.oneof(bodyFor, bodyFor.chain(([id, text]) => fc.constantFrom(...edits).map(([, edit]) => [id, edit(text)] as const))), ([id, text]) => checkOverHttp(id, text)),
    options(300),
  );
  // Parameters a kernel refuses, unequal lengths, unknown inputs, a query string: the same problems.
  await checkOverHttp('sma', '{"inputs":{"close":[1,2,3]},"params":{"period":1e9}}');
  await checkOverHttp('atr', '{"inputs":{"high":[1,2],"low":[1],"close":[1,2]}}');
  await checkOverHttp('sma', '{"inputs":{"close":[1,2,3],"volume":[1,2,3]}}');
  const query = await h.call('tcp', '/v1/indicators/sma?period=3', { json: { inputs: { close: [1, 2, 3] } } });
  assert.equal(query.status, 400);
  assert.equal(query.json().code, 'QUERY_WITH_JSON');
});

test('a worker\'s response bytes equal the main thread\'s response text and the generic path\'s, one output or several, across chunks', () => {
  // Up to CHUNK_VALUES values in all the main thread's text is one string (formatJsonDocument), past it a concatenation.
  for (const [id, n] of [['sma', 3], ['macd', 1_000], ['bbands', 1_300], ['macd', 20_000], ['bbands', 40_000], ['atr', 17_000]] as const) {
    const def = getIndicator(id);
    const text = JSON.stringify({ inputs: Object.fromEntries(def.inputs.map((name, k) => [name, prices(n, k + 1).map((v) => (name === 'high' ? v + 2 : name === 'low' ? v - 2 : v))])) });
    const body = parseIndicatorBody(Buffer.from(text));
    assert.ok(body, id);
    const bytes = fastIndicatorJsonBytes(def, body, {}, DEFAULT_LIMITS, kernels);
    assert.equal(bytes.toString('latin1'), fastIndicatorJson(def, body, {}, DEFAULT_LIMITS, kernels), id);
    assert.equal(bytes.toString('latin1'), indicatorJson(def, parseJsonBody(Buffer.from(text)), {}, DEFAULT_LIMITS, kernels), id);
  }
});

test('over HTTP: a 100,000-point body on the main thread (read in windows) and 3 inputs of 60,000 points in a worker, byte for byte', async () => {
  const main = JSON.stringify({ inputs: { close: prices(100_000, 1) }, params: { period: 30 } });
  assert.ok(main.length > WINDOW_BYTES && main.length < 2_500_000);
  await checkOverHttp('sma', main);
  const inWorker = JSON.stringify({ inputs: { high: prices(60_000, 2).map((v) => v + 1), low: prices(60_000, 3).map((v) => v - 1), close: prices(60_000, 4) } });
  assert.ok(inWorker.length >= 2_500_000);
  await checkOverHttp('atr', inWorker);
  // And a large invalid one: the worker's generic path answers.
  await checkOverHttp('atr', inWorker.replace('"close":[', '"close":[01,'));
});
