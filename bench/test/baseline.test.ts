import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bareApp, compareSma, smaJs } from '../service/baseline.ts';

const response = (values: (number | null)[]) => Buffer.from(JSON.stringify({ id: 'sma', outputs: { sma: values } }));

describe('bare-fastify JSON ceiling', () => {
  it('computes a simple moving average with null before the first full window', () => {
    const close = [1, 2, 3, 4, 5, 6];
    assert.deepEqual(smaJs(close, 3), [null, null, 2, 3, 4, 5]);
    assert.deepEqual(smaJs([1, 2], 3), [null, null]);
  });
  it('accepts the same values to rounding and refuses other values or nulls', () => {
    const ours = response([null, 1.0000000000000002, 3]);
    assert.equal(compareSma(ours, response([null, 1, 3])).ok, true);
    assert.equal(compareSma(ours, response([null, 1.001, 3])).ok, false);
    assert.equal(compareSma(ours, response([0, 1, 3])).ok, false);
    assert.equal(compareSma(ours, response([null, 1])).ok, false);
  });
});

describe('bare-fastify I/O floor', () => {
  it('answers a JSON body with the ceiling\'s response bytes and a binary body with the SMA as float64, without parsing either again', async () => {
    const app = bareApp();
    try {
      const close = Array.from({ length: 50 }, (_, i) => 100 + Math.sin(i));
      const json = JSON.stringify({ inputs: { close }, params: { period: 5 } });
      const headers = { 'content-type': 'application/json' };
      const ceiling = await app.inject({ method: 'POST', url: '/sma', headers, payload: json });
      for (let i = 0; i < 2; i++) {
        const floor = await app.inject({ method: 'POST', url: '/floor', headers, payload: json });
        assert.equal(floor.statusCode, 200);
        assert.equal(floor.body, ceiling.body);
      }
      const binary = Buffer.from(Float64Array.from(close).buffer);
      const floor = await app.inject({ method: 'POST', url: '/floor?period=5', headers: { 'content-type': 'application/octet-stream' }, payload: binary });
      assert.equal(floor.statusCode, 200);
      const sma = new Float64Array(floor.rawPayload.buffer.slice(floor.rawPayload.byteOffset, floor.rawPayload.byteOffset + floor.rawPayload.length));
      assert.deepEqual(Array.from(sma, (v) => (Number.isNaN(v) ? null : v)), smaJs(close, 5));
      // Other routes still parse JSON.
      assert.equal((await app.inject({ method: 'POST', url: '/parse', headers, payload: json })).json().ok, true);
    } finally {
      await app.close();
    }
  });
});
