/**
 * What one hostile stream client can hold or cost, over real WebSockets: stream state (bytes per
 * connection and per process), connections (per process and per client, apart from HTTP's request
 * slots), a dead peer (heartbeat), messages (the per-connection budget) and load shedding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { streamStateBytes } from '@chitti/kernels';
import { credentialsFrom } from '../src/auth.ts';
import { start, type Harness } from './helpers.ts';
import { clientFrame, connectWs, rawUpgrade, type Client, type Msg } from './ws.ts';

const wsUrl = (h: Harness) => `${h.tcp.replace('http', 'ws')}/v1/stream`;
const metric = async (h: Harness, sample: string) =>
  Number(new RegExp(`^${sample.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(await (await fetch(`${h.adminUrl}/metrics`)).text())?.[1]);
const MiB = 2 ** 20;
const BIG = { id: 'sma', params: { period: 100_000 } };

test('stream state budgets: opens and restores past the connection\'s or the process\'s budget get a typed error; metric; freed on close', async () => {
  const h = await start({ limits: { streamStateBytesPerConnection: 2 * MiB, streamStateBytes: 3 * MiB } });
  const big = streamStateBytes(BIG.id, BIG.params);
  const small = streamStateBytes('sma', { period: 20 });
  try {
    const a = await connectWs(wsUrl(h));
    assert.equal((await a.send({ op: 'open', key: 'a1', ...BIG })).op, 'opened');
    assert.equal((await a.send({ op: 'open', key: 'a2', ...BIG })).op, 'opened');
    const third = await a.send({ op: 'open', key: 'a3', ...BIG });
    assert.deepEqual([third.op, third.key, third.code, third.bytes, third.limit], ['error', 'a3', 'CONNECTION_STATE_BUDGET', big, 2 * MiB]);
    assert.match(third.detail, /MAX_STREAM_STATE_BYTES_PER_CONNECTION/);
    assert.equal((await a.send({ op: 'open', key: 'a3', id: 'sma', params: { period: 20 } })).op, 'opened', 'a small one still fits');
    assert.equal(await metric(h, 'chitti_compute_stream_state_bytes'), 2 * big + small);

    const b = await connectWs(wsUrl(h));
    assert.equal((await b.send({ op: 'open', key: 'b1', ...BIG })).op, 'opened');
    const full = await b.send({ op: 'open', key: 'b2', ...BIG });
    assert.deepEqual([full.code, full.limit], ['PROCESS_STATE_BUDGET', 3 * MiB]);
    assert.match(full.detail, /MAX_STREAM_STATE_BYTES\)/);
    // A restore is accounted from the snapshot's own arrays, before the library allocates anything.
    const declared = { version: 1, id: 'sma', params: { period: 100_000 }, bars: 0, state: { window: new Array(100_000).fill(0), head: 0, seen: 0, total: 0, untilResum: 0 } };
    const restore = await b.send({ op: 'open', key: 'b3', restore: declared });
    assert.deepEqual([restore.code, restore.bytes], ['PROCESS_STATE_BUDGET', 512 + 8 * 100_004]);

    await a.close();
    let held = 0;
    for (let i = 0; i < 50 && (held = await metric(h, 'chitti_compute_stream_state_bytes')) !== big; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(held, big, 'a closed connection gives its bytes back');
    assert.equal((await b.send({ op: 'open', key: 'b2', ...BIG })).op, 'opened');
    assert.equal((await b.send({ op: 'close', key: 'b1' })).op, 'closed');
    assert.equal(await metric(h, 'chitti_compute_stream_state_bytes'), big);
    assert.equal(await metric(h, 'chitti_compute_stream_state_budget_bytes'), 3 * MiB);
    assert.ok((await metric(h, 'chitti_compute_stream_errors_total{code="PROCESS_STATE_BUDGET"}')) >= 2);
    await b.close();
  } finally {
    await h.close();
  }
});

const TOKEN_A = 'stream-limits-token-a-0123456789';
const TOKEN_B = 'stream-limits-token-b-0123456789';

test('stream connections take no HTTP request slots; their own limits answer the upgrade with 429 (per client) and 503 (per process)', async () => {
  const h = await start({
    auth: credentialsFrom([{ token: TOKEN_A, client: 'a' }, { token: TOKEN_B, client: 'b' }]),
    maxInFlight: 2,
    limits: { streamConnections: 4, streamConnectionsPerClient: 3 },
  });
  const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  const port = Number(new URL(h.tcp).port);
  const refusedUpgrade = async (token: string) => {
    const { socket, head } = await rawUpgrade(port, { authorization: `Bearer ${token}` });
    socket.destroy();
    const [status, body] = [Number(head.slice(9, 12)), JSON.parse(head.split('\r\n\r\n')[1]!)];
    assert.match(head, /content-type: application\/problem\+json/i);
    return { status, code: body.code as string, retryAfter: /retry-after: (\d+)/i.exec(head)?.[1] };
  };
  const clients: Client[] = [];
  try {
    for (let i = 0; i < 3; i++) clients.push(await connectWs(wsUrl(h), as(TOKEN_A)));
    assert.deepEqual(await refusedUpgrade(TOKEN_A), { status: 429, code: 'STREAM_CONNECTIONS_PER_CLIENT', retryAfter: '5' });
    clients.push(await connectWs(wsUrl(h), as(TOKEN_B)));
    assert.deepEqual(await refusedUpgrade(TOKEN_B), { status: 503, code: 'STREAM_CONNECTIONS', retryAfter: '5' });
    assert.equal(await metric(h, 'chitti_compute_stream_connections'), 4);
    // Four open streams, MAX_IN_FLIGHT 2: HTTP is unaffected.
    for (let i = 0; i < 3; i++) assert.equal((await h.call('tcp', '/v1/indicators', as(TOKEN_A))).status, 200);
    await clients.shift()!.close();
    let open = 4;
    for (let i = 0; i < 50 && (open = await metric(h, 'chitti_compute_stream_connections')) !== 3; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(open, 3);
    clients.push(await connectWs(wsUrl(h), as(TOKEN_A)));
    assert.equal((await clients.at(-1)!.send({ op: 'open', key: 'k', id: 'ema' })).op, 'opened');
  } finally {
    for (const c of clients) await c.close();
    await h.close();
  }
});

test('heartbeat: a peer that stops answering pings is cut and counted; a live client stays', async () => {
  const h = await start({ timeouts: { streamPingMs: 150 } });
  try {
    const live = await connectWs(wsUrl(h)); // undici answers pings
    const { socket, head } = await rawUpgrade(Number(new URL(h.tcp).port));
    assert.match(head, /^HTTP\/1\.1 101 /);
    socket.on('data', () => undefined); // reads, never answers
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('not cut within 3 s')), 3_000);
      socket.once('close', () => (clearTimeout(timer), resolve()));
    });
    assert.ok(performance.now() - t0 < 2_000);
    assert.equal(await metric(h, 'chitti_compute_connections_cut_total{reason="stream_heartbeat"}'), 1);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal((await live.send({ op: 'open', key: 'x', id: 'rsi' })).op, 'opened', 'the live client is still connected');
    await live.close();
  } finally {
    await h.close();
  }
});

test('message budget: pipelined peeks of a large stream are shed with RATE_LIMITED once spent; one reply per message, in order; snapshots cost their size', async () => {
  const h = await start({ limits: { streamMessagesPerSecond: 1000, streamBufferedBytes: 64 * MiB } });
  try {
    const c = await connectWs(wsUrl(h));
    assert.equal((await c.send({ op: 'open', key: 's', ...BIG })).op, 'opened');
    const N = 2000;
    const peek = JSON.stringify({ op: 'peek', key: 's', bar: { close: 101 } });
    for (let i = 0; i < N; i++) c.ws.send(peek);
    const replies: Msg[] = [];
    for (let i = 0; i < N; i++) replies.push(await c.next(10_000));
    const peeked = replies.filter((r) => r.op === 'peeked').length;
    const limited = replies.filter((r) => r.code === 'RATE_LIMITED');
    assert.equal(peeked + limited.length, N, 'every message answered, either way');
    // A peek of 800 KB of state costs 1 + 48 units: about 20 fit in the budget of 1,000.
    assert.ok(peeked >= 10 && peeked <= 120, `${peeked} peeks admitted`);
    assert.ok(limited.every((r) => r.retryAfterMs > 0 && /STREAM_MESSAGES_PER_SECOND/.test(r.detail)));
    assert.equal(replies[0]!.op, 'peeked', 'the budget starts full');
    await new Promise((r) => setTimeout(r, 1100)); // refilled
    assert.equal((await c.send({ op: 'snapshot', key: 's' })).op, 'snapshot', 'a full budget admits one snapshot (1,564 units)');
    const second = await c.send({ op: 'snapshot', key: 's' });
    assert.equal(second.code, 'RATE_LIMITED');
    assert.ok(second.retryAfterMs > 500, `retry after ${second.retryAfterMs} ms`);
    assert.ok((await metric(h, 'chitti_compute_stream_errors_total{code="RATE_LIMITED"}')) >= N - 120);
    await c.close();
  } finally {
    await h.close();
  }
});

test('a burst of pipelined frames in one write is shed the same way, and the service answers other clients meanwhile', async () => {
  const h = await start({ limits: { streamMessagesPerSecond: 500 } });
  try {
    const { socket, head } = await rawUpgrade(Number(new URL(h.tcp).port));
    assert.match(head, /^HTTP\/1\.1 101 /);
    let received = '';
    socket.on('data', (c: Buffer) => (received += c.toString('latin1')));
    socket.write(clientFrame(JSON.stringify({ op: 'open', key: 's', ...BIG })));
    const frame = clientFrame(JSON.stringify({ op: 'peek', key: 's', bar: { close: 1 } }));
    socket.write(Buffer.concat(Array.from({ length: 3000 }, () => frame)));
    const other = await connectWs(wsUrl(h));
    assert.equal((await other.send({ op: 'open', key: 'o', id: 'ema' })).op, 'opened');
    for (let i = 0; i < 200 && (received.match(/"op":"(peeked|error)"/g)?.length ?? 0) < 3000; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal(received.match(/"op":"(peeked|error)"/g)?.length, 3000, 'every frame answered');
    assert.ok((received.match(/RATE_LIMITED/g)?.length ?? 0) >= 2900);
    assert.equal((await fetch(`${h.adminUrl}/health`)).status, 200);
    socket.destroy();
    await other.close();
  } finally {
    await h.close();
  }
});

test('load shedding applies to stream messages: OVERLOADED while the event loop is behind; close is still served', async () => {
  const h = await start({ maxEventLoopDelayMs: 100 });
  try {
    const c = await connectWs(wsUrl(h));
    assert.equal((await c.send({ op: 'open', key: 'a', id: 'ema' })).op, 'opened');
    assert.equal((await c.send({ op: 'open', key: 'b', id: 'ema' })).op, 'opened');
    // Block the loop as back-to-back heavy work would until the service says it is behind.
    for (let round = 0; round < 12 && !h.app.overload.current(); round++) {
      const until = Date.now() + 250;
      while (Date.now() < until) {
        // busy
      }
      await new Promise((r) => setImmediate(r));
    }
    assert.ok(h.app.overload.current(), 'the loop delay bound tripped');
    const shed = await c.send({ op: 'update', key: 'a', bar: { close: 1 } });
    assert.deepEqual([shed.op, shed.key, shed.code, shed.retryAfterMs], ['error', 'a', 'OVERLOADED', 5000]);
    assert.match(shed.detail, /MAX_EVENT_LOOP_DELAY_MS/);
    assert.deepEqual(await c.send({ op: 'close', key: 'b' }), { op: 'closed', key: 'b' });
    let out: Msg = shed;
    for (let i = 0; i < 40 && out.op !== 'output'; i++, await new Promise((r) => setTimeout(r, 100))) out = await c.send({ op: 'update', key: 'a', bar: { close: 1 } });
    assert.equal(out.op, 'output', 'served again once the loop caught up');
    assert.equal(out.bar, 0, 'the shed update committed nothing');
    await c.close();
  } finally {
    await h.close();
  }
});
