import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify, compareOutput } from '../lib/conformance.ts';

const n = 400;
const ref = Float64Array.from({ length: n }, (_, i) => (i < 9 ? NaN : 100 + Math.sin(i / 5) * 10));

describe('conformance classifier', () => {
  it('calls identical output exact', () => {
    assert.equal(compareOutput('x', ref.slice(), ref).class, 'exact');
  });
  it('calls tiny relative differences within 1e-9', () => {
    const peer = ref.map((v) => v * (1 + 1e-12));
    assert.equal(compareOutput('x', peer, ref).class, 'within 1e-9');
  });
  it('calls values in the lookback region a convention and says where the first value is', () => {
    const peer = ref.map((v, i) => (i < 9 ? 100 : v));
    const c = compareOutput('x', peer, ref);
    assert.equal(c.class, 'convention');
    assert.equal(c.extra, 9);
    assert.match(c.notes[0]!, /first value at bar 0 \(TA-Lib: 9\)/);
  });
  it('calls a decaying error a different seeding', () => {
    const peer = ref.map((v, i) => v + 5 * Math.exp(-i / 10));
    const c = compareOutput('x', peer, ref);
    assert.equal(c.class, 'convention');
    assert.match(c.notes.join(), /different seeding/);
  });
  it('recognises a constant factor, a constant offset and rounding', () => {
    assert.match(compareOutput('x', ref.map((v) => v / 100), ref).notes.join(), /scaled by 0.01/);
    assert.match(compareOutput('x', ref.map((v) => v + 3), ref).notes.join(), /offset by a constant 3/);
    assert.match(compareOutput('x', ref.map((v) => Math.round(v * 100) / 100), ref).notes.join(), /rounded to 2 decimals/);
  });
  it('calls a persistent difference wrong', () => {
    const peer = ref.map((v, i) => v + Math.sin(i));
    assert.equal(compareOutput('x', peer, ref).class, 'wrong');
  });
  it('takes the worst output and does not judge a missing one', () => {
    const c = classify(['a', 'b', 'c'], [ref.slice(), ref.map((v, i) => v + Math.sin(i)), null], [ref, ref, ref]);
    assert.equal(c.class, 'wrong');
    assert.equal(c.outputs[2]!.class, 'not given');
  });
});
