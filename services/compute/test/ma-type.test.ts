// The MA-type parameter over HTTP (a real client on a real socket): TA-Lib's type names in the
// OpenAPI document and the listing, every type computed (MAMA, 7, included), and a type outside 0..8
// answered with a 422 problem naming the parameter.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { indicators } from '@chitti/kernels';
import { start, type Harness } from './helpers.ts';

let h: Harness;
before(async () => (h = await start()));
after(() => h.close());

const typed = indicators.filter((d) => d.params.some((p) => p.names));
const close = Array.from({ length: 300 }, (_, i) => 100 + Math.sin(i / 9) * 5 + i * 0.01);
const inputsFor = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, n === 'high' ? close.map((v) => v + 1) : n === 'low' ? close.map((v) => v - 1) : close]));

test('OpenAPI and GET /v1/indicators name every MA type', async () => {
  const doc = (await h.call('tcp', '/openapi.json')).json();
  const listing = (await h.call('tcp', '/v1/indicators')).json();
  for (const def of typed) {
    const op = doc.paths[`/v1/indicators/${def.id}`].post;
    const schema = doc.components.schemas[op.requestBody.content['application/json'].schema.$ref.split('/').pop()];
    const listed = listing.indicators.find((d: { id: string }) => d.id === def.id);
    for (const p of def.params.filter((q) => q.names)) {
      const ps = schema.properties.params.properties[p.name];
      assert.equal(ps.type, 'integer');
      assert.equal(ps.default, 0);
      assert.equal([ps.minimum, ps.maximum].join(), '0,8');
      for (const text of [ps.description, listed.params.find((q: { name: string }) => q.name === p.name).description]) {
        assert.match(text, /0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, 6 KAMA, 7 MAMA, 8 T3/, `${def.id}.${p.name}`);
      }
    }
  }
});

test('every MA type is computed, MAMA (7) included; 9 is a 422 problem naming the parameter', async () => {
  for (const def of typed) {
    const name = def.params.find((q) => q.names)!.name;
    for (const type of [1, 7]) {
      const ok = await h.call('tcp', `/v1/indicators/${def.id}`, { json: { inputs: inputsFor(def.inputs), params: { [name]: type } } });
      assert.equal(ok.status, 200, ok.text());
      assert.equal(ok.json().params[name], type);
    }
    const res = await h.call('tcp', `/v1/indicators/${def.id}`, { json: { inputs: inputsFor(def.inputs), params: { [name]: 9 } } });
    assert.equal(res.status, 422, res.text());
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    const body = res.json();
    assert.equal(body.type, '/problems/invalid-params');
    assert.equal(body.pointer, `params.${name}`);
  }
});
