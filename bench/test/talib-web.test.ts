import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { priceBars } from '../lib/bars.ts';
import { talibWebPeer } from '../peers/talib-web.ts';

describe('talib-web isolation', () => {
  it('reports running out of its fixed memory as an error of the call, and a new instance computes the same', async () => {
    await talibWebPeer.fresh!();
    const sma = talibWebPeer.functions.SMA!({ optInTimePeriod: 20 });
    const small = priceBars(1_000, 1);
    const before = (sma.run(small) as { output: number[] }).output;
    assert.throws(() => sma.run(priceBars(1_000_000, 1)), /OOM/);
    await talibWebPeer.fresh!();
    assert.deepEqual((sma.run(small) as { output: number[] }).output, before);
  });
});
