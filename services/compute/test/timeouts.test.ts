/**
 * Connection timeouts and Node's own answers, over raw sockets on both listeners: slow headers and
 * slow bodies are cut with a 408 problem, a response nobody reads is cut, and each cut is counted;
 * what Node answers itself (a request it cannot parse, headers over its limit, an unknown Expect) is
 * problem+json too.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { f64le, start, type Harness } from './helpers.ts';

let h: Harness;
before(async () => {
  h = await start({
    maxInFlight: 2,
    timeouts: { headersMs: 400, requestMs: 1500, idleMs: 400 },
    workers: { threads: 0 },
  });
});
after(() => h.close());

type Via = 'tcp' | 'unix';

function open(via: Via): Promise<Socket> {
  const socket = via === 'tcp' ? connect(Number(new URL(h.tcp).port), '127.0.0.1') : connect(h.socket);
  socket.on('error', () => undefined); // a cut connection may reset
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Everything the server sends until it closes the connection, and when it closed (ms after `from`). */
function untilClosed(socket: Socket, from: number, limitMs: number): Promise<{ text: string; closedAfterMs: number }> {
  let text = '';
  socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`connection still open after ${limitMs} ms; received ${JSON.stringify(text.slice(0, 200))}`)), limitMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ text, closedAfterMs: performance.now() - from });
    });
  });
}

/** The status line and parsed problem body of a raw HTTP/1.1 response. */
function problemOf(raw: string): { status: number; type: string; body: Record<string, unknown> } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const status = Number(head.slice(9, 12));
  const type = /^content-type: *(.*)$/im.exec(head)?.[1]?.trim() ?? '';
  assert.match(type, /^application\/problem\+json/, `problem+json, got: ${raw.slice(0, 300)}`);
  const parsed = JSON.parse(body) as Record<string, unknown>;
  assert.equal(parsed.status, status);
  return { status, type, body: parsed };
}

const cuts = async (reason: string) => Number(new RegExp(`^chitti_compute_connections_cut_total\\{reason="${reason}"\\} (\\S+)$`, 'm').exec(await (await fetch(`${h.adminUrl}/metrics`)).text())?.[1]);

for (const via of ['tcp', 'unix'] as const) {
  test(`${via}: a body sent a byte at a time is cut at REQUEST_TIMEOUT_MS with a 408 problem, its in-flight slot freed, counted`, async () => {
    const before = await cuts('request_timeout');
    const body = JSON.stringify({ inputs: { close: [1, 2, 3, 4] }, params: { period: 2 } });
    // Two of them hold both in-flight slots (MAX_IN_FLIGHT 2) for as long as they dribble.
    const slow = await Promise.all([open(via), open(via)]);
    const t0 = performance.now();
    const drips: NodeJS.Timeout[] = [];
    const results = slow.map((socket, i) => {
      socket.write(`POST /v1/indicators/sma HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 1)}`);
      let at = 1;
      drips[i] = setInterval(() => at < body.length - 1 && socket.write(body.slice(at, ++at)), 100);
      return untilClosed(socket, t0, 5_000);
    });
    try {
      await new Promise((r) => setTimeout(r, 200));
      const refused = await h.call(via, '/v1/indicators/sma', { json: JSON.parse(body) });
      assert.equal(refused.status, 503, 'both slots held by the slow bodies');
      for (const { text, closedAfterMs } of await Promise.all(results)) {
        assert.ok(closedAfterMs < 3_000, `cut after ${Math.round(closedAfterMs)} ms`);
        const p = problemOf(text);
        assert.equal(p.status, 408);
        assert.equal(p.body.type, '/problems/request-timeout');
        assert.equal(p.body.code, 'REQUEST_TIMEOUT');
      }
    } finally {
      drips.forEach(clearInterval);
    }
    assert.equal((await h.call(via, '/v1/indicators/sma', { json: JSON.parse(body) })).status, 200, 'the slots came back');
    assert.equal(await cuts('request_timeout'), before + 2);
  });

  test(`${via}: a body that stops arriving is cut after IDLE_TIMEOUT_MS with a 408 problem; counted`, async () => {
    const before = await cuts('idle_timeout');
    const socket = await open(via);
    const t0 = performance.now();
    // The attack: a byte, then nothing for longer than the idle timeout (there: ten seconds).
    socket.write('POST /v1/indicators/sma HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    const { text, closedAfterMs } = await untilClosed(socket, t0, 5_000);
    assert.ok(closedAfterMs < 1_400, `cut after ${Math.round(closedAfterMs)} ms, before REQUEST_TIMEOUT_MS`);
    const p = problemOf(text);
    assert.deepEqual([p.status, p.body.code], [408, 'BODY_IDLE']);
    assert.equal(await cuts('idle_timeout'), before + 1);
  });

  test(`${via}: a body still arriving after its request was answered (404 before reading it) gets no second answer when cut`, async () => {
    const socket = await open(via);
    const t0 = performance.now();
    socket.write('POST /v1/indicators/nope HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    const { text } = await untilClosed(socket, t0, 5_000);
    assert.equal(text.match(/HTTP\/1\.1 /g)?.length, 1, text);
    assert.match(text, /^HTTP\/1\.1 404 /);
  });

  test(`${via}: headers that never finish, and a connection that sends nothing, are cut at HEADERS_TIMEOUT_MS`, async () => {
    const [partial, silent] = await Promise.all([open(via), open(via)]);
    const t0 = performance.now();
    partial.write('GET /v1/indicators HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => partial.write('X-Slow: 1\r\n'), 100);
    try {
      const [a, b] = await Promise.all([untilClosed(partial, t0, 5_000), untilClosed(silent, t0, 5_000)]);
      assert.ok(a.closedAfterMs < 2_500 && b.closedAfterMs < 2_500, `${Math.round(a.closedAfterMs)} / ${Math.round(b.closedAfterMs)} ms`);
      assert.equal(problemOf(a.text).status, 408);
    } finally {
      clearInterval(drip);
    }
  });

  test(`${via}: Node's own answers are problem+json: unparseable request (400), oversized headers (431), unknown Expect (417)`, async () => {
    const ask = async (raw: string | Buffer) => {
      const socket = await open(via);
      const done = untilClosed(socket, performance.now(), 5_000);
      socket.write(raw);
      return problemOf((await done).text);
    };
    const bad = await ask('GARBAGE / NOT-HTTP\r\n\r\n');
    assert.deepEqual([bad.status, bad.body.type, bad.body.code], [400, '/problems/malformed-request', 'BAD_HTTP']);
    const big = await ask(`GET /v1/indicators HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    assert.deepEqual([big.status, big.body.type, big.body.code], [431, '/problems/headers-too-large', 'HEADERS_TOO_LARGE']);
    const expect = await ask('POST /v1/indicators/sma HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: 200-ok\r\nConnection: close\r\n\r\n{}');
    assert.deepEqual([expect.status, expect.body.type, expect.body.code], [417, '/problems/expectation-failed', 'EXPECTATION_FAILED']);
  });
}

test('a large response the client does not read is cut after IDLE_TIMEOUT_MS without progress; counted', async () => {
  const before = await cuts('idle_timeout');
  // 400,000 points in, BBANDS out: 9.6 MB of response, more than loopback's socket buffers hold.
  const n = 400_000;
  const body = f64le(Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 50)));
  const socket = await open('tcp');
  const t0 = performance.now();
  socket.write(`POST /v1/indicators/bbands?period=20 HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: ${body.length}\r\n\r\n`);
  socket.write(body);
  let received = 0;
  socket.once('data', (c: Buffer) => {
    received += c.length;
    socket.pause(); // reads the first chunk, then nothing more (a paused socket sees no close either)
  });
  let counted = before;
  for (let i = 0; i < 160 && counted === before; i++) {
    await new Promise((r) => setTimeout(r, 50));
    counted = await cuts('idle_timeout');
  }
  const cutAfter = performance.now() - t0;
  assert.equal(counted, before + 1, 'cut and counted within 8 s');
  assert.ok(cutAfter < 6_000, `cut after ${Math.round(cutAfter)} ms`);
  // Reading again: what the kernel had buffered, then the end; never the whole response.
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('data', (c: Buffer) => (received += c.length));
  socket.resume();
  await closed;
  assert.ok(received > 0 && received < n * 8 * 3, `read ${received} bytes of ${n * 24}`);
  assert.equal((await h.call('tcp', '/v1/indicators')).status, 200);
});
