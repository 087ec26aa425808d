import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './helpers.ts';

test('503 overloaded problem while the event loop is saturated, then back to normal', async () => {
  const h = await start({ maxEventLoopDelayMs: 100 });
  try {
    assert.equal((await h.call('tcp', '/v1/indicators')).status, 200);
    // Saturate the event loop as back-to-back heavy computations would: 250 ms blocks, brief yields.
    // (under-pressure compares the mean loop delay of each 250 ms sample with the limit.)
    let res = await h.call('tcp', '/v1/indicators');
    for (let round = 0; round < 12 && res.status !== 503; round++) {
      const until = Date.now() + 250;
      while (Date.now() < until) {
        // busy
      }
      await new Promise((r) => setImmediate(r));
      res = await h.call('tcp', '/v1/indicators');
    }
    assert.equal(res.status, 503, res.text());
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assert.equal(res.json().type, '/problems/overloaded');
    assert.equal(res.headers['retry-after'], '5');
    let status = 503;
    for (let i = 0; i < 40 && status === 503; i++, await new Promise((r) => setTimeout(r, 100))) status = (await h.call('tcp', '/v1/indicators')).status;
    assert.equal(status, 200, 'recovers once the loop is idle');
    const metrics = await (await fetch(`${h.adminUrl}/metrics`)).text();
    assert.match(metrics, /^chitti_compute_errors_total\{type="overload"\} [1-9]/m);
  } finally {
    await h.close();
  }
});
