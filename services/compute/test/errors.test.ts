import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { f64le, start, type Harness, type Reply } from './helpers.ts';

let h: Harness;
before(async () => (h = await start({ limits: { bodyBytes: 64 * 1024, pointsPerSeries: 1000, batchSeries: 3, batchSpecs: 2, outputValues: 5000 } })));
after(() => h.close());

/** Asserts an RFC 9457 body with the given status and type, and returns it. */
function problem(res: Reply, status: number, slug: string): Record<string, unknown> {
  assert.equal(res.status, status, res.text());
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const body = res.json();
  assert.equal(body.type, `/problems/${slug}`);
  assert.equal(body.status, status);
  assert.equal(typeof body.title, 'string');
  assert.equal(typeof body.detail, 'string');
  assert.equal(typeof body.requestId, 'string');
  assert.doesNotMatch(res.text(), /\bat .*\.ts:\d+|node_modules|stack/i, 'no stack traces');
  return body;
}

const sma = (json: unknown, headers: Record<string, string> = {}) => h.call('tcp', '/v1/indicators/sma', { json, headers });

test('400: body is not JSON', async () => {
  const res = await h.call('tcp', '/v1/indicators/sma', { headers: { 'content-type': 'application/json' }, body: '{"inputs": [' });
  problem(res, 400, 'malformed-request');
});

test('400: wrong shape names the field', async () => {
  assert.equal(problem(await sma({ params: { period: 3 } }), 400, 'malformed-request').pointer, 'inputs');
  assert.match(String(problem(await sma({ inputs: { close: 'abc' } }), 400, 'malformed-request').detail), /inputs\.close/);
  assert.equal(problem(await sma({ inputs: { close: [1] }, extra: 1 }), 400, 'malformed-request').pointer, 'extra');
  problem(await sma([1, 2, 3]), 400, 'malformed-request');
});

test('400: binary body length not a multiple of 8 × inputs names the multiple', async () => {
  const res = await h.call('tcp', '/v1/indicators/sma', { headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(20) });
  const body = problem(res, 400, 'malformed-request');
  assert.match(String(body.detail), /multiple of 8/);
});

test('404: unknown indicator lists the known ones, before reading the body', async () => {
  const body = problem(await h.call('tcp', '/v1/indicators/nope', { json: {} }), 404, 'not-found');
  assert.match(String(body.detail), /unknown indicator "nope"; known: .*sma/);
  problem(await h.call('tcp', '/v1/indicators/nope'), 404, 'not-found');
});

test('404: unknown route', async () => {
  problem(await h.call('tcp', '/v2/whatever'), 404, 'not-found');
});

test('413: body larger than MAX_BODY_BYTES', async () => {
  const big = { inputs: { close: Array.from({ length: 20_000 }, (_, i) => i + 0.123456789) } };
  const body = problem(await sma(big), 413, 'payload-too-large');
  assert.match(String(body.detail), /65536 bytes \(MAX_BODY_BYTES\)/);
  const bin = await h.call('tcp', '/v1/indicators/sma', { headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(128 * 1024) });
  problem(bin, 413, 'payload-too-large');
});

test('413: more points than MAX_POINTS_PER_SERIES, JSON and binary', async () => {
  const json = problem(await sma({ inputs: { close: Array.from({ length: 1001 }, () => 1) } }), 413, 'payload-too-large');
  assert.equal(json.pointer, 'inputs.close');
  const bin = await h.call('tcp', '/v1/indicators/sma', { headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(1001 * 8) });
  problem(bin, 413, 'payload-too-large');
});

test('413: batch limits on series, specs and output values', async () => {
  const s = { close: [1, 2, 3] };
  problem(await h.call('tcp', '/v1/batch', { json: { series: { a: s, b: s, c: s, d: s }, specs: [{ id: 'sma' }] } }), 413, 'payload-too-large');
  problem(await h.call('tcp', '/v1/batch', { json: { series: { a: s }, specs: [{ id: 'sma' }, { id: 'ema' }, { id: 'rsi' }] } }), 413, 'payload-too-large');
  const long = { close: Array.from({ length: 1000 }, (_, i) => i) };
  const body = problem(await h.call('tcp', '/v1/batch', { json: { series: { a: long, b: long }, specs: [{ id: 'bbands' }] } }), 413, 'payload-too-large');
  assert.match(String(body.detail), /MAX_OUTPUT_VALUES/);
});

test('415: wrong content type', async () => {
  problem(await h.call('tcp', '/v1/indicators/sma', { headers: { 'content-type': 'text/plain' }, body: 'hello' }), 415, 'unsupported-media-type');
  problem(await h.call('tcp', '/v1/indicators/sma', { headers: { 'content-type': 'application/xml' }, body: '<a/>' }), 415, 'unsupported-media-type');
  problem(await h.call('tcp', '/v1/batch', { headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(8) }), 415, 'unsupported-media-type');
});

test('422: null inside a series names the index', async () => {
  const body = problem(await sma({ inputs: { close: [1, 2, 3, null, 5] } }), 422, 'invalid-input');
  assert.equal(body.index, 3);
  assert.equal(body.pointer, 'inputs.close[3]');
  assert.match(String(body.detail), /inputs\.close\[3\]/);
});

test('422: a string inside a series names the index', async () => {
  const body = problem(await sma({ inputs: { close: [1, '2'] } }), 422, 'invalid-input');
  assert.equal(body.index, 1);
});

test('422: parameter out of range, not an integer, unknown, wrong type', async () => {
  const range = problem(await sma({ inputs: { close: [1, 2, 3] }, params: { period: 1 } }), 422, 'invalid-params');
  assert.equal(range.pointer, 'params.period');
  assert.equal(range.code, 'PARAM_OUT_OF_RANGE');
  assert.match(String(range.detail), /between 2 and 100000/);
  assert.equal(problem(await sma({ inputs: { close: [1, 2, 3] }, params: { period: 2.5 } }), 422, 'invalid-params').code, 'PARAM_NOT_INTEGER');
  assert.equal(problem(await sma({ inputs: { close: [1, 2, 3] }, params: { length: 3 } }), 422, 'invalid-params').pointer, 'params.length');
  assert.equal(problem(await sma({ inputs: { close: [1, 2, 3] }, params: { period: '3' } }), 422, 'invalid-params').pointer, 'params.period');
});

test('422: missing, unexpected and unequal inputs', async () => {
  assert.equal(problem(await sma({ inputs: {} }), 422, 'invalid-input').pointer, 'inputs.close');
  assert.equal(problem(await sma({ inputs: { close: [1], high: [1] } }), 422, 'invalid-input').pointer, 'inputs.high');
});

test('422: binary NaN or infinity names the index; bad query parameter', async () => {
  const res = await h.call('tcp', '/v1/indicators/sma?period=2', { headers: { 'content-type': 'application/octet-stream' }, body: f64le([1, 2, 3, Infinity, 5]) });
  const body = problem(res, 422, 'invalid-input');
  assert.equal(body.index, 3);
  const nan = await h.call('tcp', '/v1/indicators/sma', { headers: { 'content-type': 'application/octet-stream' }, body: f64le([NaN, 1]) });
  assert.equal(problem(nan, 422, 'invalid-input').index, 0);
  const q = await h.call('tcp', '/v1/indicators/sma?period=abc', { headers: { 'content-type': 'application/octet-stream' }, body: f64le([1, 2]) });
  assert.equal(problem(q, 422, 'invalid-params').pointer, 'params.period');
  const unknown = await h.call('tcp', '/v1/indicators/sma?nope=3', { headers: { 'content-type': 'application/octet-stream' }, body: f64le([1, 2]) });
  assert.equal(problem(unknown, 422, 'invalid-params').pointer, 'params.nope');
});

test('422: batch spec and series problems name the spec or series', async () => {
  const s = { close: [1, 2, 3] };
  assert.equal(problem(await h.call('tcp', '/v1/batch', { json: { series: { a: s }, specs: [{ id: 'nope' }] } }), 422, 'invalid-params').pointer, 'specs[0].id');
  assert.equal(problem(await h.call('tcp', '/v1/batch', { json: { series: { a: s }, specs: [{ id: 'sma' }, { id: 'sma' }] } }), 422, 'invalid-params').pointer, 'specs[1].key');
  assert.equal(problem(await h.call('tcp', '/v1/batch', { json: { series: { a: s }, specs: [{ id: 'sma', params: { period: 0 } }] } }), 422, 'invalid-params').pointer, 'specs[0].params.period');
  assert.equal(problem(await h.call('tcp', '/v1/batch', { json: { series: { a: { close: [1, 2], high: [1] } }, specs: [{ id: 'sma' }] } }), 422, 'invalid-input').pointer, 'series.a.high');
  assert.equal(problem(await h.call('tcp', '/v1/batch', { json: { series: { a: { close: [1, null] } }, specs: [{ id: 'sma' }] } }), 422, 'invalid-input').index, 1);
  assert.equal(problem(await h.call('tcp', '/v1/batch', { json: { series: { a: { close: [1] } }, specs: [] } }), 400, 'malformed-request').pointer, 'specs');
});

test('JSON requests with a query string are refused rather than silently ignored', async () => {
  problem(await h.call('tcp', '/v1/indicators/sma?period=3', { json: { inputs: { close: [1, 2, 3] } } }), 400, 'malformed-request');
});

test('the error counter counts by type', async () => {
  const text = (await (await fetch(`${h.adminUrl}/metrics`)).text());
  const count = (type: string) => Number(new RegExp(`^chitti_compute_errors_total\\{type="${type}"\\} (\\S+)$`, 'm').exec(text)?.[1]);
  assert.ok(count('validation') >= 10);
  assert.ok(count('malformed') >= 5);
  assert.ok(count('not_found') >= 3);
  assert.ok(count('payload_too_large') >= 5);
  assert.ok(count('unsupported_media_type') >= 3);
  assert.equal(count('internal'), 0);
});
