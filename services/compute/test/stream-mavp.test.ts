/**
 * MAVP over the service: its second input (`periods`) in JSON, over a stream, refused when not a
 * finite number; and its stream state, which grows with maxPeriod - minPeriod, held to the
 * connection's budget (a wide T3 MAVP needs about 2.2 MB).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compute, streamStateBytes, streamWorkPerBar } from '@chitti/kernels';
import { inputsFor, start } from './helpers.ts';
import { connectWs } from './ws.ts';

const MiB = 2 ** 20;
const WIDE = { id: 'mavp', params: { minPeriod: 2, maxPeriod: 46_340, maType: 8 } };

test('MAVP streams past the connection\'s state budget are refused with CONNECTION_STATE_BUDGET; narrow ones open and equal the batch', async () => {
  const h = await start({ limits: { streamStateBytesPerConnection: 2 * MiB } });
  try {
    const wide = streamStateBytes(WIDE.id, WIDE.params);
    assert.ok(wide > 2 * MiB, `${wide}`);
    const c = await connectWs(`${h.tcp.replace('http', 'ws')}/v1/stream`);
    const refused = await c.send({ op: 'open', key: 'W', ...WIDE });
    assert.deepEqual([refused.op, refused.code, refused.bytes, refused.limit], ['error', 'CONNECTION_STATE_BUDGET', wide, 2 * MiB]);
    // A restore declaring the wide state is accounted from its arrays and refused the same way.
    const declared = { version: 1, id: 'mavp', params: WIDE.params, bars: 0, state: { bars: 0, hist: [], acc: new Array((46_340 - 1) * 6).fill(0) } };
    const restore = await c.send({ op: 'open', key: 'W', restore: declared });
    assert.deepEqual([restore.op, restore.code], ['error', 'CONNECTION_STATE_BUDGET']);

    const params = { minPeriod: 3, maxPeriod: 25, maType: 1 };
    const inputs = inputsFor(['close', 'periods'], 80, 5);
    const opened = await c.send({ op: 'open', key: 'N', id: 'mavp', params });
    assert.equal(opened.op, 'opened', JSON.stringify(opened));
    assert.equal(opened.lookback, 24);
    const want = compute('mavp', inputs, params).outputs.mavp!;
    for (let i = 0; i < 80; i++) {
      const out = await c.send({ op: 'update', key: 'N', bar: { close: inputs.close![i], periods: inputs.periods![i] } });
      assert.equal(out.outputs.mavp, Number.isNaN(want[i]!) ? null : want[i], `bar ${i}`);
    }
    const bad = await c.send({ op: 'update', key: 'N', bar: { close: 100, periods: null } });
    assert.deepEqual([bad.op, bad.code, bad.path], ['error', 'NON_FINITE_INPUT', 'bar.periods']);
    const missing = await c.send({ op: 'update', key: 'N', bar: { close: 100 } });
    assert.deepEqual([missing.op, missing.code, missing.path], ['error', 'MISSING_INPUT', 'bar.periods']);
    await c.close();
  } finally {
    await h.close();
  }
});

test('POST /v1/indicators/mavp: periods in JSON; a non-finite or missing period is a 4xx problem; minPeriod above maxPeriod is a 4xx', async () => {
  const h = await start();
  try {
    const inputs = inputsFor(['close', 'periods'], 60, 3);
    const ok = await h.call('tcp', '/v1/indicators/mavp', { json: { inputs, params: { maxPeriod: 20 } } });
    assert.equal(ok.status, 200, ok.text());
    const want = compute('mavp', inputs, { maxPeriod: 20 }).outputs.mavp!;
    assert.deepEqual(ok.json().outputs.mavp, Array.from(want, (v) => (Number.isNaN(v) ? null : v)));
    const nullPeriod = await h.call('tcp', '/v1/indicators/mavp', { json: { inputs: { ...inputs, periods: inputs.periods!.map((v, i) => (i === 30 ? null : v)) } } });
    assert.equal(nullPeriod.status >= 400 && nullPeriod.status < 500, true, nullPeriod.text());
    assert.match(String(nullPeriod.headers['content-type']), /problem\+json/);
    const noPeriods = await h.call('tcp', '/v1/indicators/mavp', { json: { inputs: { close: inputs.close } } });
    assert.equal(noPeriods.status >= 400 && noPeriods.status < 500, true, noPeriods.text());
    assert.match(noPeriods.text(), /periods/);
    const crossed = await h.call('tcp', '/v1/indicators/mavp', { json: { inputs, params: { minPeriod: 31, maxPeriod: 30 } } });
    assert.equal(crossed.status >= 400 && crossed.status < 500, true, crossed.text());
    assert.match(crossed.text(), /minPeriod/);
  } finally {
    await h.close();
  }
});

test('a wide MAVP stream pays for its work per bar: updates cost message units by the periods they update, and a history longer than a second of budget is refused', async () => {
  const h = await start({ limits: { streamStateBytesPerConnection: 16 * MiB, streamMessagesPerSecond: 2_000 } });
  try {
    const params = { minPeriod: 2, maxPeriod: 46_340, maType: 0 };
    const work = streamWorkPerBar('mavp', params);
    assert.ok(work > 46_000, `${work}`);
    const c = await connectWs(`${h.tcp.replace('http', 'ws')}/v1/stream`);
    // 100 bars of history would cost 100 * work / 1000 units: more than the 2,000 a second allowed.
    const history = inputsFor(['close', 'periods'], 100, 3);
    const refused = await c.send({ op: 'open', key: 'W', id: 'mavp', params, history });
    assert.deepEqual([refused.op, refused.code, refused.path], ['error', 'MESSAGE_TOO_LARGE', 'history']);
    assert.match(refused.detail, /send at most \d+ bars of history/);
    const opened = await c.send({ op: 'open', key: 'W', id: 'mavp', params, history: inputsFor(['close', 'periods'], 20, 3) });
    assert.equal(opened.op, 'opened', JSON.stringify(opened));
    // Each update costs about work / 1000 units: the 2,000-unit budget admits a few dozen, then refuses.
    const codes: string[] = [];
    for (let i = 0; i < 60; i++) codes.push((await c.send({ op: 'update', key: 'W', bar: { close: 100 + i, periods: 10 } })).code ?? 'ok');
    assert.ok(codes.includes('RATE_LIMITED'), codes.join());
    assert.ok(codes.indexOf('RATE_LIMITED') <= Math.ceil(2_000 / Math.floor(work / 1000)) + 1, codes.join());
    // A narrow MAVP costs what any stream costs: 60 updates pass.
    await c.send({ op: 'close', key: 'W' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await c.send({ op: 'open', key: 'N', id: 'mavp', params: { minPeriod: 2, maxPeriod: 30, maType: 0 } });
    for (let i = 0; i < 60; i++) assert.equal((await c.send({ op: 'update', key: 'N', bar: { close: 100 + i, periods: 10 } })).op, 'output');
    await c.close();
  } finally {
    await h.close();
  }
});
