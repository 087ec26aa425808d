import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareSma, smaJs } from '../service/baseline.ts';

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
