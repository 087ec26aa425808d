/**
 * src/collect.ts: scavengeSoon runs one scavenge after the current turn however often it is called in
 * it, and a scavenge after each large request is what keeps memory outside the heap from driving full
 * collections: two child processes churn the same 800 MiB of 2 MiB buffers (as large request bodies
 * and responses are) while holding a heap of live objects, one of them calling scavengeSoon after each
 * buffer; full collections are counted by perf_hooks. Over HTTP, a request whose body is at least
 * LARGE_BODY_BYTES is followed by a scavenge, a smaller one is not. freeNow frees only a buffer a view
 * spans whole; plugins/large-requests.ts frees a large request's body and the bytes sent through
 * oneResponse after a 2xx written whole, and nothing else (a bare fastify app with routes that keep
 * what they saw), and the service's large binary answers stay exact with several in flight.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { setImmediate as turn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { compute } from '@chitti/kernels';
import { freeNow, scavengeSoon, scavengesRun } from '../src/collect.ts';
import { LARGE_BODY_BYTES, largeRequestsPlugin, oneResponse } from '../src/plugins/large-requests.ts';
import { f64le, prices, start, type Harness } from './helpers.ts';

test('scavengeSoon: one scavenge after the turn, shared by the calls made in it', async () => {
  const before = scavengesRun;
  scavengeSoon();
  scavengeSoon();
  scavengeSoon();
  assert.equal(scavengesRun, before, 'not within the turn');
  await turn();
  await turn();
  assert.equal(scavengesRun, before + 1);
});

const collect = fileURLToPath(new URL('../src/collect.ts', import.meta.url));
const script = (scavenge: boolean) => `
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { scavengeSoon } from ${JSON.stringify(collect)};
let full = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full++;
}).observe({ entryTypes: ['gc'] });
const live = Array.from({ length: 200_000 }, (_, i) => ({ i, s: 'x' + i }));
for (let i = 0; i < 400; i++) {
  Buffer.allocUnsafeSlow(2 << 20).fill(i);
  if (${scavenge}) scavengeSoon();
  await new Promise((r) => setImmediate(r));
}
setTimeout(() => console.log(JSON.stringify({ full, live: live.length })), 50);
`;
// Asynchronously: this process's server (the HTTP test) must not see its event loop held.
const fullCollections = async (scavenge: boolean) => (JSON.parse((await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script(scavenge)], { encoding: 'utf8' })).stdout) as { full: number }).full;

test('a scavenge after each large buffer: at most half the full collections that memory outside the heap drives without', async () => {
  const without = await fullCollections(false);
  const withScavenges = await fullCollections(true);
  assert.ok(without >= 4, `without scavenges: ${without} full collections (expected one per 64 MB or so)`);
  assert.ok(withScavenges * 2 <= without, `with scavenges ${withScavenges}, without ${without}`);
});

let h: Harness;
before(async () => {
  h = await start();
});
after(async () => {
  await h.close();
});

test('over HTTP: a scavenge after a request of LARGE_BODY_BYTES or more, none after a smaller one', async () => {
  const send = async (points: number) => {
    const reply = await h.call('tcp', '/v1/indicators/sma?period=10', { body: f64le(prices(points)), headers: { 'content-type': 'application/octet-stream' } });
    assert.equal(reply.status, 200);
    await turn();
    await turn();
  };
  const large = Math.ceil(LARGE_BODY_BYTES / 8);
  let before = scavengesRun;
  await send(large);
  assert.equal(scavengesRun, before + 1, `${large} points`);
  before = scavengesRun;
  await send(large - 1);
  assert.equal(scavengesRun, before, `${large - 1} points`);
});

test('freeNow frees the buffer of a view that spans it whole, and nothing shared', () => {
  const whole = Buffer.allocUnsafeSlow(1 << 20).fill(1);
  assert.equal(freeNow(whole), true);
  assert.equal(whole.buffer.byteLength, 0, 'detached');
  assert.equal(whole.length, 0);
  const big = new Uint8Array(1 << 20).fill(2);
  assert.equal(freeNow(big.subarray(16)), false, 'part of a buffer');
  assert.equal(big.buffer.byteLength, 1 << 20);
  const pooled = Buffer.from('from the pool');
  assert.ok(pooled.buffer.byteLength > pooled.length, 'a pooled Buffer shares its ArrayBuffer');
  assert.equal(freeNow(pooled), false);
  assert.equal(pooled.toString(), 'from the pool');
  for (const other of [undefined, null, 'text', new Float64Array(8), { buffer: new ArrayBuffer(8) }, new Uint8Array(0)]) assert.equal(freeNow(other), false);
});

test('large-requests: after a 2xx written whole, a large request\'s body and its oneResponse bytes are freed; a small request, a shared buffer and a 503 keep theirs', async () => {
  const app = Fastify();
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: 8 << 20 }, (_req, body, done) => done(null, body));
  await app.register(largeRequestsPlugin);
  const seen: { body?: Buffer; sent?: Buffer } = {};
  const shared = Buffer.allocUnsafeSlow(LARGE_BODY_BYTES).fill(7);
  app.post('/one', async (request, reply) => {
    seen.body = request.body as Buffer;
    seen.sent = Buffer.from(seen.body);
    oneResponse(reply, seen.sent);
    return reply.type('application/octet-stream').send(seen.sent);
  });
  app.post('/shared', async (request, reply) => {
    seen.body = request.body as Buffer;
    return reply.type('application/octet-stream').send(shared);
  });
  app.post('/busy', async (request, reply) => {
    seen.body = request.body as Buffer;
    seen.sent = Buffer.from(seen.body);
    oneResponse(reply, seen.sent);
    return reply.code(503).type('application/octet-stream').send(seen.sent);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const post = async (path: string, body: Buffer) => {
    const res = await fetch(url + path, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  // The hook runs once the server has finished writing; the client may have the bytes a little earlier.
  const freed = async (b: Buffer) => {
    for (let i = 0; i < 100 && b.buffer.byteLength > 0; i++) await sleep(5);
    return b.buffer.byteLength === 0;
  };
  try {
    const large = Buffer.alloc(LARGE_BODY_BYTES + 8, 3);
    const one = await post('/one', large);
    assert.equal(one.status, 200);
    assert.ok(one.bytes.equals(large), 'the client got the response whole');
    assert.ok(await freed(seen.body!), 'the body was freed');
    assert.ok(await freed(seen.sent!), 'the response bytes were freed');

    // A chunked upload has no Content-Length: its body's size decides.
    const chunked = await fetch(url + '/one', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new ReadableStream({ start(c) { c.enqueue(large.subarray(0, 1024)); c.enqueue(large.subarray(1024)); c.close(); } }),
      duplex: 'half',
    } as RequestInit);
    assert.ok(Buffer.from(await chunked.arrayBuffer()).equals(large));
    assert.ok(await freed(seen.body!), 'a chunked body was freed');
    assert.ok(await freed(seen.sent!), 'and its response bytes');

    const small = Buffer.alloc(LARGE_BODY_BYTES - 8, 4);
    assert.ok((await post('/one', small)).bytes.equals(small));
    await sleep(50);
    assert.equal(seen.body!.length, small.length, 'a smaller request keeps its body');
    assert.equal(seen.sent!.length, small.length, 'and its response bytes');

    const viaShared = await post('/shared', large);
    assert.ok(viaShared.bytes.equals(shared));
    assert.ok(await freed(seen.body!), 'the body was freed');
    assert.equal(shared.length, LARGE_BODY_BYTES, 'bytes not sent through oneResponse are kept');
    assert.ok(shared.every((b) => b === 7));

    const busy = await post('/busy', large);
    assert.equal(busy.status, 503);
    assert.ok(busy.bytes.equals(large));
    await sleep(50);
    assert.equal(seen.body!.length, large.length, 'after a 503 the body is kept (a worker task may still hold it)');
    assert.equal(seen.sent!.length, large.length);
  } finally {
    await app.close();
  }
});

test('over HTTP: large binary requests in flight together each get their own exact answer', async () => {
  const points = Math.ceil(LARGE_BODY_BYTES / 8) + 1_000;
  const series = [1, 2, 3, 4, 5, 6].map((seed) => prices(points, seed));
  const replies = await Promise.all(series.map((close) => h.call('tcp', '/v1/indicators/sma?period=10', { body: f64le(close), headers: { 'content-type': 'application/octet-stream' } })));
  replies.forEach((reply, k) => {
    assert.equal(reply.status, 200);
    const want = compute('sma', { close: Float64Array.from(series[k]!) }, { period: 10 }).outputs.sma!;
    assert.ok(reply.body.equals(Buffer.from(want.buffer, want.byteOffset, want.byteLength)), `series ${k}`);
  });
});
