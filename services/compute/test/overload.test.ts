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

test('503 past MAX_IN_FLIGHT requests in progress; slots come back when requests finish or clients go away', async () => {
  const { connect } = await import('node:net');
  const h = await start({ maxInFlight: 2 });
  const body = JSON.stringify({ inputs: { close: [1, 2, 3, 4] }, params: { period: 2 } });
  // A request whose body is only half sent stays in progress until we send the rest or hang up.
  const held = () => {
    const socket = connect(Number(new URL(h.tcp).port), '127.0.0.1');
    socket.write(`POST /v1/indicators/sma HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
    let data = '';
    socket.on('data', (c) => (data += c));
    return { finish: () => socket.write(body.slice(10)), abort: () => socket.destroy(), response: () => data };
  };
  const sma = () => h.call('tcp', '/v1/indicators/sma', { json: JSON.parse(body) });
  try {
    const a = held();
    const b = held();
    await new Promise((r) => setTimeout(r, 200));
    const refused = await sma();
    assert.equal(refused.status, 503, refused.text());
    assert.equal(refused.json().code, 'IN_FLIGHT');
    assert.equal(refused.headers['retry-after'], '1');
    a.finish();
    b.abort();
    for (let i = 0; i < 50 && !a.response().includes('\r\n\r\n{'); i++) await new Promise((r) => setTimeout(r, 20));
    assert.match(a.response(), /^HTTP\/1\.1 200/);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await sma()).status, 200, 'both slots free again');
    assert.equal((await sma()).status, 200);
  } finally {
    await h.close();
  }
});
