import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { compute, createStream, getIndicator, indicators, restoreStream } from '@chitti/kernels';
import { Agent, WebSocket } from 'undici';
import { clientFrame, connectWs, type Client } from './ws.ts';
import { credentialsFrom } from '../src/auth.ts';
import { inputsFor, start, type Harness } from './helpers.ts';

const TOKEN = 'stream-test-token-0123456789';
let h: Harness;
before(async () => {
  h = await start({
    auth: credentialsFrom([{ token: TOKEN, client: 'tester' }]),
    limits: { streamsPerConnection: 3, streamMessageBytes: 4096 },
  });
});
after(() => h.close());

function connect(url: string, init: { headers?: Record<string, string>; dispatcher?: Agent } = { headers: { authorization: `Bearer ${TOKEN}` } }): Promise<Client> {
  return connectWs(url, init);
}

const wsUrl = () => `${h.tcp.replace('http', 'ws')}/v1/stream`;
const nullify = (v: number) => (Number.isNaN(v) ? null : v);
const closeClient = async (c: Client) => {
  c.ws.close(1000);
  await c.closed;
};

test('open with history, update, peek equal the library (every indicator)', async () => {
  const c = await connect(wsUrl());
  const N = 60;
  for (const def of indicators) {
    const all = inputsFor(def.inputs, N + 5, 3);
    const history = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.slice(0, N)]));
    const opened = await c.send({ op: 'open', key: 'K', id: def.id, history });
    assert.equal(opened.op, 'opened', JSON.stringify(opened));
    const lib = compute(def.id, history, undefined, { withStream: true });
    assert.equal(opened.lookback, lib.lookback);
    assert.deepEqual(opened.params, lib.params);
    assert.equal(opened.bars, N);
    // The stream's own outputs (the batch ones may come from the WebAssembly kernel, equal to ~1e-12).
    const seeded = createStream(def.id).updateMany(history);
    for (const [name, arr] of Object.entries(seeded)) {
      assert.equal(opened.outputs[name], nullify(arr[N - 1]!), `${def.id}.${name}`);
      const batch = lib.outputs[name]![N - 1]!;
      if (!Number.isNaN(batch)) assert.ok(Math.abs(batch - arr[N - 1]!) <= 1e-9 * Math.max(1, Math.abs(batch)), `${def.id}.${name} vs batch`);
    }
    for (let i = N; i < N + 5; i++) {
      const bar = Object.fromEntries(def.inputs.map((name) => [name, all[name]![i]!]));
      const peeked = await c.send({ op: 'peek', key: 'K', bar });
      const want = lib.stream!.update(bar);
      const out = await c.send({ op: 'update', key: 'K', bar });
      assert.equal(out.op, 'output');
      assert.equal(out.bar, i);
      assert.equal(peeked.bar, i);
      for (const [name, v] of Object.entries(want)) {
        assert.equal(out.outputs[name], nullify(v), `${def.id}.${name} bar ${i}`);
        assert.equal(peeked.outputs[name], nullify(v), `${def.id}.${name} peek ${i}`);
      }
    }
    assert.deepEqual(await c.send({ op: 'close', key: 'K' }), { op: 'closed', key: 'K' });
  }
  await closeClient(c);
});

test('open without history warms up from nothing; snapshot restores on a new connection', async () => {
  const c = await connect(wsUrl());
  const opened = await c.send({ op: 'open', key: 'AAPL', id: 'rsi', params: { period: 5 } });
  assert.deepEqual(opened, { op: 'opened', key: 'AAPL', id: 'rsi', params: { period: 5 }, lookback: 5, bars: 0, outputs: null });
  const lib = createStream('rsi', { period: 5 });
  const closes = inputsFor(['close'], 30, 7).close!;
  for (const close of closes.slice(0, 20)) {
    const out = await c.send({ op: 'update', key: 'AAPL', bar: { close } });
    assert.equal(out.outputs.rsi, nullify(lib.update({ close }).rsi!));
  }
  const snap = await c.send({ op: 'snapshot', key: 'AAPL' });
  assert.deepEqual(snap.snapshot, lib.snapshot());
  await closeClient(c);

  // "After a restart": a new connection resumes from the snapshot and carries on bar for bar.
  const d = await connect(wsUrl());
  const restored = await d.send({ op: 'open', key: 'AAPL', restore: snap.snapshot });
  assert.equal(restored.op, 'opened');
  assert.equal(restored.bars, 20);
  const lib2 = restoreStream(snap.snapshot);
  for (const close of closes.slice(20)) {
    const out = await d.send({ op: 'update', key: 'AAPL', bar: { close } });
    assert.equal(out.outputs.rsi, lib2.update({ close }).rsi);
  }
  const bad = await d.send({ op: 'open', key: 'B', restore: { ...snap.snapshot, state: { ...snap.snapshot.state, gain: 'x' } } });
  assert.equal(bad.code, 'INVALID_STATE');
  assert.equal(bad.path, 'snapshot.state.gain');
  const mixed = await d.send({ op: 'open', key: 'B', id: 'rsi', restore: snap.snapshot });
  assert.equal(mixed.code, 'BAD_MESSAGE');
  await closeClient(d);
});

test('bad messages get typed errors and the connection stays open', async () => {
  const c = await connect(wsUrl());
  const cases: [unknown, string, string | undefined][] = [
    ['not json', 'BAD_MESSAGE', undefined],
    ['[1,2]', 'BAD_MESSAGE', undefined],
    [{ key: 'A' }, 'BAD_MESSAGE', 'op'],
    [{ op: 'open', key: '' }, 'BAD_MESSAGE', 'key'],
    [{ op: 'frobnicate', key: 'A' }, 'UNKNOWN_OP', 'op'],
    [{ op: 'update', key: 'A', bar: { close: 1 } }, 'UNKNOWN_STREAM', 'key'],
    [{ op: 'open', key: 'A' }, 'BAD_MESSAGE', 'id'],
    [{ op: 'open', key: 'A', id: 'nope' }, 'UNKNOWN_INDICATOR', 'id'],
    [{ op: 'open', key: 'A', id: 'sma', params: { period: 0 } }, 'PARAM_OUT_OF_RANGE', 'params.period'],
    [{ op: 'open', key: 'A', id: 'sma', history: { close: [1, 'x'] } }, 'INVALID_INPUT_TYPE', undefined],
  ];
  for (const [msg, code, path] of cases) {
    const reply = await c.send(msg);
    assert.equal(reply.op, 'error', JSON.stringify(msg));
    assert.equal(reply.code, code, JSON.stringify(reply));
    assert.equal(typeof reply.detail, 'string');
    if (path !== undefined) assert.equal(reply.path, path, JSON.stringify(reply));
  }
  assert.equal((await c.send({ op: 'open', key: 'A', id: 'atr' })).op, 'opened');
  const dup = await c.send({ op: 'open', key: 'A', id: 'atr' });
  assert.equal(dup.code, 'STREAM_EXISTS');
  for (const [bar, code, path] of [
    [{ high: 2, low: 1 }, 'MISSING_INPUT', 'bar.close'],
    [{ high: 2, low: 1, close: 1.5, open: 1 }, 'UNEXPECTED_INPUT', 'bar.open'],
    [{ high: 2, low: 1, close: null }, 'NON_FINITE_INPUT', 'bar.close'],
    [42, 'BAD_MESSAGE', 'bar'],
  ] as const) {
    const reply = await c.send({ op: 'update', key: 'A', bar });
    assert.deepEqual([reply.op, reply.key, reply.code, reply.path], ['error', 'A', code, path]);
  }
  // A rejected bar left nothing behind: the first good bar is still bar 0.
  const ok = await c.send({ op: 'update', key: 'A', bar: { high: 2, low: 1, close: 1.5 } });
  assert.equal(ok.bar, 0);
  c.ws.send(new Uint8Array([1, 2, 3]));
  assert.equal((await c.next()).code, 'BAD_MESSAGE');
  assert.equal(c.ws.readyState, WebSocket.OPEN);
  await closeClient(c);
});

test('limits: streams per connection, message size (error), oversized frame (close 1009)', async () => {
  const c = await connect(wsUrl());
  for (const key of ['a', 'b', 'c']) assert.equal((await c.send({ op: 'open', key, id: 'sma' })).op, 'opened');
  const fourth = await c.send({ op: 'open', key: 'd', id: 'sma' });
  assert.equal(fourth.code, 'TOO_MANY_STREAMS');
  assert.equal((await c.send({ op: 'close', key: 'a' })).op, 'closed');
  assert.equal((await c.send({ op: 'open', key: 'd', id: 'sma' })).op, 'opened');
  const big = { op: 'open', key: 'e', id: 'sma', history: { close: Array.from({ length: 500 }, (_, i) => 100 + i / 7) } };
  const tooLarge = await c.send(big);
  assert.equal(tooLarge.code, 'MESSAGE_TOO_LARGE');
  assert.equal((await c.send({ op: 'update', key: 'd', bar: { close: 1 } })).op, 'output');
  c.ws.send('x'.repeat(4096 * 4 + 1));
  assert.equal((await c.closed).code, 1009);
});

test('the upgrade needs the bearer token (401 before upgrading); works on the Unix socket too', async () => {
  await assert.rejects(connect(wsUrl(), {}));
  await assert.rejects(connect(wsUrl(), { headers: { authorization: 'Bearer wrong-token-0123456789' } }));
  const { status, challenge } = await new Promise<{ status: number; challenge: unknown }>((resolve, reject) => {
    const key = 'dGhlIHNhbXBsZSBub25jZQ==';
    const req = httpRequest(`${h.tcp}/v1/stream`, { headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': key } });
    req.on('response', (res) => (res.resume(), resolve({ status: res.statusCode!, challenge: res.headers['www-authenticate'] })));
    req.on('upgrade', () => reject(new Error('upgraded without a token')));
    req.on('error', reject);
    req.end();
  });
  assert.equal(status, 401);
  assert.match(String(challenge), /^Bearer realm="chitti-compute"/);
  const agent = new Agent({ connect: { socketPath: h.socket } });
  const u = await connect('ws://localhost/v1/stream', { headers: { authorization: `Bearer ${TOKEN}` }, dispatcher: agent });
  assert.equal((await u.send({ op: 'open', key: 'x', id: 'ema' })).op, 'opened');
  await closeClient(u);
  await agent.close();
});

test('metrics after traffic; streams are counted down when their connection closes', async () => {
  const scrape = async () => (await fetch(`${h.adminUrl}/metrics`)).text();
  const value = (text: string, sample: string) => Number(new RegExp(`^${sample.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
  const before = await scrape();
  const c = await connect(wsUrl());
  await c.send({ op: 'open', key: 'a', id: 'macd' });
  await c.send({ op: 'open', key: 'b', id: 'macd' });
  for (let i = 0; i < 7; i++) await c.send({ op: 'update', key: 'a', bar: { close: 100 + i } });
  await c.send({ op: 'update', key: 'a', bar: { close: 'bad' } });
  const during = await scrape();
  assert.equal(value(during, 'chitti_compute_streams_active'), value(before, 'chitti_compute_streams_active') + 2);
  assert.equal(value(during, 'chitti_compute_stream_updates_total{indicator="macd"}'), value(before, 'chitti_compute_stream_updates_total{indicator="macd"}') + 7);
  assert.equal(value(during, 'chitti_compute_stream_update_duration_seconds_count'), value(before, 'chitti_compute_stream_update_duration_seconds_count') + 7);
  await closeClient(c);
  let after = '';
  for (let i = 0; i < 50; i++) {
    after = await scrape();
    if (value(after, 'chitti_compute_streams_active') === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(value(after, 'chitti_compute_streams_active'), 0);
  assert.ok(value(after, 'chitti_compute_requests_total{route="/v1/stream",method="GET",status_code="401"}') >= 2);
  assert.ok(getIndicator('macd'));
});

test('shutdown closes stream connections with 1001 (going away)', async () => {
  const h2 = await start({ limits: { streamsPerConnection: 2 } });
  const c = await connect(`${h2.tcp.replace('http', 'ws')}/v1/stream`, {});
  await c.send({ op: 'open', key: 'a', id: 'sma' });
  await h2.close();
  assert.equal((await c.closed).code, 1001);
});

test('a request with another Upgrade (h2c, as curl --http2 sends) is served as HTTP/1.1', async () => {
  const body = JSON.stringify({ inputs: { close: [1, 2, 3, 4] }, params: { period: 2 } });
  const reply = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest(`${h.tcp}/v1/indicators/sma`, {
      method: 'POST',
      headers: { connection: 'Upgrade, HTTP2-Settings', upgrade: 'h2c', 'http2-settings': 'AAMAAABkAARAAAAAAAIAAAAA', authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
  assert.equal(reply.status, 200, reply.text);
  assert.deepEqual(JSON.parse(reply.text).outputs.sma, [null, 1.5, 2.5, 3.5]);
});

test('a client that sends but never reads is dropped at MAX_STREAM_BUFFERED_BYTES; others are unaffected', async () => {
  const { connect: tcpConnect } = await import('node:net');
  const limit = 256 * 1024;
  const small = await start({ auth: credentialsFrom([{ token: TOKEN, client: 'tester' }]), limits: { streamBufferedBytes: limit } });
  try {
    const port = Number(new URL(small.tcp).port);
    const sock = tcpConnect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      sock.once('connect', () => resolve());
      sock.once('error', reject);
    });
    sock.write(`GET /v1/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${Buffer.alloc(16, 7).toString('base64')}\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`);
    const head = await new Promise<string>((resolve) => sock.once('data', (c: Buffer) => resolve(c.toString('latin1'))));
    assert.match(head, /^HTTP\/1\.1 101 /);
    sock.pause(); // from here on, nothing is read: replies pile up in the kernel, then in the server
    let dropped = false;
    const closed = new Promise<void>((resolve) => sock.once('close', () => ((dropped = true), resolve())));
    sock.on('error', () => undefined); // ECONNRESET/EPIPE once the server drops it
    const history = Array.from({ length: 1000 }, (_, i) => 100 + Math.sin(i / 9));
    sock.write(clientFrame(JSON.stringify({ op: 'open', key: 'a', id: 'sma', params: { period: 1000 }, history: { close: history } })));
    // Each snapshot reply carries the 1,000-value window (about 20 KB) for a 32-byte message.
    const ask = clientFrame(JSON.stringify({ op: 'snapshot', key: 'a' }));
    for (let i = 0; i < 5000 && !dropped; i++) {
      sock.write(ask);
      if (i % 100 === 99) await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.race([closed, new Promise((_, reject) => setTimeout(() => reject(new Error('not dropped within 10 s')), 10_000))]);
    assert.ok(dropped);
    // The server is fine and other clients are served.
    const c = await connect(`${small.tcp.replace('http', 'ws')}/v1/stream`);
    assert.equal((await c.send({ op: 'open', key: 'b', id: 'ema', params: { period: 3 } })).op, 'opened');
    await closeClient(c);
  } finally {
    await small.close();
  }
});
