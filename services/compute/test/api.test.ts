import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compute, indicators } from '@chitti/kernels';
import { problemTypes } from '../src/problem.ts';
import { f64le, inputsFor, readF64le, start, type Harness } from './helpers.ts';

let h: Harness;
before(async () => (h = await start()));
after(() => h.close());

const N = 500;

for (const via of ['tcp', 'unix'] as const) {
  describe(`API over ${via}`, () => {
    test('GET /v1/indicators lists the registry', async () => {
      const res = await h.call(via, '/v1/indicators');
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      const body = res.json();
      assert.deepEqual(body.indicators.map((d: { id: string }) => d.id), indicators.map((d) => d.id));
      for (const [i, def] of indicators.entries()) {
        const got = body.indicators[i];
        assert.equal(got.name, def.name);
        assert.equal(got.group, def.group);
        assert.deepEqual(got.inputs, def.inputs);
        assert.deepEqual(got.outputs.map((o: { name: string }) => o.name), def.outputs.map((o) => o.name));
        assert.equal(got.lookbackFormula, def.lookbackFormula);
        assert.deepEqual(
          got.params.map((p: Record<string, unknown>) => [p.name, p.type, p.default, p.min, p.max]),
          def.params.map((p) => [p.name, p.type, p.default, p.min, p.max]),
        );
      }
    });

    test('GET /v1/indicators/:id gives one entry', async () => {
      const def = indicators[0]!;
      const res = await h.call(via, `/v1/indicators/${def.id}`);
      assert.equal(res.status, 200);
      assert.equal(res.json().id, def.id);
    });

    for (const def of indicators) {
      test(`POST /v1/indicators/${def.id}: JSON equals the library, null in the lookback region`, async () => {
        const inputs = inputsFor(def.inputs, N);
        const res = await h.call(via, `/v1/indicators/${def.id}`, { json: { inputs } });
        assert.equal(res.status, 200, res.text());
        const body = res.json();
        const want = compute(def.id, inputs, {});
        assert.equal(body.id, def.id);
        assert.deepEqual(body.params, want.params);
        assert.equal(body.lookback, want.lookback);
        assert.deepEqual(Object.keys(body.outputs), def.outputs.map((o) => o.name));
        for (const o of def.outputs) {
          const got: (number | null)[] = body.outputs[o.name];
          assert.equal(got.length, N);
          assert.ok(got.slice(0, want.lookback).every((v) => v === null), `${o.name}: null in the lookback region`);
          assert.deepEqual(got.slice(want.lookback), Array.from(want.outputs[o.name]!.subarray(want.lookback)));
        }
      });

      test(`POST /v1/indicators/${def.id}: binary gives the same numbers as JSON`, async () => {
        const inputs = inputsFor(def.inputs, N, 7);
        const params = Object.fromEntries(def.params.filter((p) => p.default !== undefined).map((p) => [p.name, p.type === 'integer' ? Math.min(p.max, p.default! + 1) : p.default!]));
        const json = (await h.call(via, `/v1/indicators/${def.id}`, { json: { inputs, params } })).json();
        const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
        const res = await h.call(via, `/v1/indicators/${def.id}?${query}`, {
          headers: { 'content-type': 'application/octet-stream' },
          body: f64le(...def.inputs.map((name) => inputs[name]!)),
        });
        assert.equal(res.status, 200, res.text());
        assert.equal(res.headers['content-type'], 'application/octet-stream');
        assert.equal(res.headers['chitti-lookback'], String(json.lookback));
        assert.equal(res.headers['chitti-outputs'], def.outputs.map((o) => o.name).join(','));
        assert.equal(res.headers['chitti-points'], String(N));
        assert.deepEqual(Object.fromEntries(new URLSearchParams(String(res.headers['chitti-params']))), Object.fromEntries(Object.entries(json.params).map(([k, v]) => [k, String(v)])));
        const values = readF64le(res.body);
        assert.equal(values.length, N * def.outputs.length);
        def.outputs.forEach((o, k) => {
          const slice = values.slice(k * N, (k + 1) * N).map((v) => (Number.isNaN(v) ? null : v));
          assert.deepEqual(slice, json.outputs[o.name], o.name);
        });
      });
    }

    test('GET /openapi.json documents every indicator from the registry', async () => {
      const res = await h.call(via, '/openapi.json');
      assert.equal(res.status, 200);
      const doc = res.json();
      assert.equal(doc.openapi, '3.1.0');
      for (const def of indicators) {
        const op = doc.paths[`/v1/indicators/${def.id}`]?.post;
        assert.ok(op, def.id);
        assert.ok(op.requestBody.content['application/octet-stream']);
        const schemaName = op.requestBody.content['application/json'].schema.$ref.split('/').pop();
        const schema = doc.components.schemas[schemaName];
        assert.deepEqual(Object.keys(schema.properties.inputs.properties), [...def.inputs]);
        for (const p of def.params) {
          const ps = schema.properties.params.properties[p.name];
          assert.equal(ps.type, p.type === 'integer' ? 'integer' : 'number');
          assert.equal(ps.minimum, p.min);
          assert.equal(ps.maximum, p.max);
        }
      }
      assert.ok(doc.paths['/v1/batch'].post);
      assert.ok(doc.components.schemas.Problem);
    });

    test('problem type URIs resolve', async () => {
      for (const slug of problemTypes.keys()) {
        const res = await h.call(via, `/problems/${slug}`);
        assert.equal(res.status, 200);
        assert.equal(res.json().type, `/problems/${slug}`);
      }
    });

    test('X-Request-Id is echoed, or generated', async () => {
      const given = await h.call(via, '/v1/indicators', { headers: { 'x-request-id': 'abc-123' } });
      assert.equal(given.headers['x-request-id'], 'abc-123');
      const made = await h.call(via, '/v1/indicators', { headers: { 'x-request-id': 'bad id with spaces' } });
      assert.match(String(made.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    });
  });
}

test('the README worked example: SMA(3) of 1..6 over binary', async () => {
  const res = await h.call('tcp', '/v1/indicators/sma?period=3', { headers: { 'content-type': 'application/octet-stream' }, body: f64le([1, 2, 3, 4, 5, 6]) });
  assert.equal(res.status, 200);
  assert.equal(res.headers['chitti-lookback'], '2');
  assert.equal(res.headers['chitti-params'], 'period=3');
  assert.equal(res.body.length, 48);
  assert.deepEqual(readF64le(res.body), [NaN, NaN, 2, 3, 4, 5]);
});

test('the Unix socket file has mode 0660', async () => {
  const { statSync } = await import('node:fs');
  assert.equal(statSync(h.socket).mode & 0o777, 0o660);
});

test('the README TypeScript client (examples/binary-client.ts) round-trips', async () => {
  const { computeBinary } = await import('../examples/binary-client.ts');
  const close = new Float64Array([44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08]);
  const got = await computeBinary(h.tcp, 'bbands', [close], { period: 5 });
  const want = compute('bbands', { close }, { period: 5 });
  assert.equal(got.lookback, 4);
  assert.deepEqual(got.params, want.params);
  for (const name of ['upper', 'middle', 'lower']) assert.deepEqual([...got.outputs[name]!], [...want.outputs[name]!]);
  await assert.rejects(computeBinary(h.tcp, 'bbands', [close], { period: 1 }), /422: parameter "period" must be between 2/);
});
