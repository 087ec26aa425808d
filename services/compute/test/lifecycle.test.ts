/** The real entry point as a child process: start-up, readiness, SIGTERM drain, exit codes, config errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIN, refused, sleep, slowRequest, startService } from './process.ts';

test('SIGTERM: readiness false at once, in-flight requests finish, new connections refused, exit 0', async () => {
  const svc = await startService({ DRAIN_DELAY_MS: '600', SHUTDOWN_TIMEOUT_MS: '8000' });
  try {
    const admin = `http://127.0.0.1:${svc.metricsPort}`;
    assert.equal((await fetch(`${admin}/ready`)).status, 200);
    assert.equal((await fetch(`${admin}/health`)).status, 200);
    assert.equal((await fetch(`http://127.0.0.1:${svc.port}/v1/indicators`)).status, 200);
    const inflight = slowRequest(svc.port);
    await sleep(100);
    svc.child.kill('SIGTERM');
    let ready = 200;
    for (let i = 0; i < 50 && ready === 200; i++, await sleep(20)) ready = (await fetch(`${admin}/ready`)).status;
    assert.equal(ready, 503, 'readiness goes false');
    const readyBody = (await (await fetch(`${admin}/ready`)).json()) as { reason: string };
    assert.equal(readyBody.reason, 'draining');
    assert.equal((await fetch(`${admin}/health`)).status, 200, 'still alive while draining');
    await sleep(900); // past the drain delay: listeners closed
    assert.ok(await refused({ port: svc.port, host: '127.0.0.1' }), 'no new TCP connections');
    assert.ok(!existsSync(svc.socket) || (await refused({ path: svc.socket })), 'no new Unix socket connections');
    assert.equal(svc.child.exitCode, null, 'still running while a request is in flight');
    inflight.finish();
    const raw = await inflight.response;
    assert.match(raw, /^HTTP\/1\.1 200 OK/);
    assert.match(raw, /connection: close/i);
    assert.match(raw, /"lookback":9/);
    assert.equal(await svc.exited, 0);
    assert.ok(!existsSync(svc.socket), 'socket file removed');
    assert.ok(svc.logs.some((l) => l.msg === 'drained; exiting'));
  } finally {
    svc.cleanup();
  }
});

test('SIGTERM with a request that never finishes: connections cut at the timeout, exit 1', async () => {
  const svc = await startService({ SHUTDOWN_TIMEOUT_MS: '500', COMPUTE_SOCKET: '' });
  try {
    const stuck = slowRequest(svc.port);
    await sleep(100);
    const t0 = Date.now();
    svc.child.kill('SIGTERM');
    assert.equal(await svc.exited, 1);
    assert.ok(Date.now() - t0 < 5000);
    await stuck.response.catch(() => undefined);
    assert.ok(svc.logs.some((l) => String(l.msg).startsWith('shutdown timeout')));
  } finally {
    svc.cleanup();
  }
});

test('logs: JSON lines with request id and trace id, credentials redacted', async () => {
  const svc = await startService({});
  try {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const res = await fetch(`http://127.0.0.1:${svc.port}/v1/indicators`, {
      headers: { authorization: 'Bearer s3cret-token', cookie: 'session=s3cret', 'x-request-id': 'req-42', traceparent: `00-${traceId}-b7ad6b7169203331-01` },
    });
    assert.equal(res.status, 200);
    let line: Record<string, any> | undefined;
    for (let i = 0; i < 50 && !line; i++, await sleep(20)) line = svc.logs.find((l) => l.request_id === 'req-42');
    assert.ok(line, 'a log line for the request');
    assert.equal(line.msg, 'request completed');
    assert.equal(line.trace_id, traceId);
    assert.equal(line.request.route, '/v1/indicators');
    assert.equal(line.response.statusCode, 200);
    assert.equal(line.request.headers.authorization, '[redacted]');
    assert.equal(line.request.headers.cookie, '[redacted]');
    assert.equal(line.request.headers['x-request-id'], 'req-42');
    assert.ok(!JSON.stringify(svc.logs).includes('s3cret'));
    await sleep(300);
    assert.doesNotMatch(svc.stderr() + JSON.stringify(svc.logs), /ECONNREFUSED|OTLP|:4318\b/, 'no exporter activity without OTEL_EXPORTER_OTLP_ENDPOINT');
  } finally {
    svc.cleanup();
  }
});

test('spans are exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set', async () => {
  const { createServer } = await import('node:http');
  const received: { url: string; bytes: number }[] = [];
  const collector = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (c: Buffer) => (bytes += c.length));
    req.on('end', () => {
      received.push({ url: req.url ?? '', bytes });
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
  const port = (collector.address() as { port: number }).port;
  const svc = await startService({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_BSP_SCHEDULE_DELAY: '100', COMPUTE_SOCKET: '' });
  try {
    await fetch(`http://127.0.0.1:${svc.port}/v1/indicators/sma`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"inputs":{"close":[1,2,3]}}' });
    for (let i = 0; i < 100 && !received.some((r) => r.url === '/v1/traces'); i++) await sleep(50);
    const traces = received.filter((r) => r.url === '/v1/traces');
    assert.ok(traces.length > 0 && traces[0]!.bytes > 0, 'the collector received spans');
  } finally {
    svc.cleanup();
    collector.close();
  }
});

test('invalid configuration: a clear message naming every bad variable, exit 2', () => {
  const r = spawnSync(process.execPath, [MAIN], { env: { ...process.env, PORT: 'eighty', MAX_BODY_BYTES: '-1', LOG_LEVEL: 'loud' }, encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /PORT must be an integer between 0 and 65535, got "eighty"/);
  assert.match(r.stderr, /MAX_BODY_BYTES/);
  assert.match(r.stderr, /LOG_LEVEL/);
});

test('a socket path held by a live process is an error; a stale one is replaced', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chitti-sock-'));
  const path = join(dir, 's.sock');
  const first = await startService({ COMPUTE_SOCKET: path });
  try {
    const second = spawnSync(process.execPath, [MAIN], { env: { ...process.env, PORT: '0', METRICS_PORT: '0', HOST: '127.0.0.1', METRICS_HOST: '127.0.0.1', COMPUTE_SOCKET: path, API_AUTH: 'disabled' }, encoding: 'utf8', timeout: 20_000 });
    assert.equal(second.status, 1);
    assert.match(second.stdout, /in use by another process/);
  } finally {
    first.child.kill('SIGKILL');
    await first.exited;
  }
  assert.ok(existsSync(path), 'SIGKILL leaves a stale socket file');
  const third = await startService({ COMPUTE_SOCKET: path });
  try {
    const res = await new Promise<number>((resolve, reject) => {
      const s = connect(path);
      s.on('connect', () => s.write('GET /v1/indicators HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
      let data = '';
      s.on('data', (c) => (data += c));
      s.on('end', () => resolve(Number(data.slice(9, 12))));
      s.on('error', reject);
    });
    assert.equal(res, 200);
  } finally {
    third.cleanup();
    first.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SIGTERM under load: readiness false first, every request sent before SIGTERM answered 200, exit 0 in time', async () => {
  const { Pool } = await import('undici');
  // Large requests take the worker path too (WORKER_JSON_BYTES lowered), so the pool is drained as well.
  const svc = await startService({ DRAIN_DELAY_MS: '400', SHUTDOWN_TIMEOUT_MS: '8000', WORKER_JSON_BYTES: '100000', COMPUTE_SOCKET: '' });
  const pool = new Pool(`http://127.0.0.1:${svc.port}`, { connections: 8 });
  let stop = false;
  try {
    const small = JSON.stringify({ inputs: { close: Array.from({ length: 500 }, (_, i) => 100 + Math.sin(i)) }, params: { period: 10 } });
    const large = JSON.stringify({ inputs: { close: Array.from({ length: 60_000 }, (_, i) => 100 + Math.sin(i / 7)) }, params: { period: 10 } });
    let sigtermAt = Infinity;
    const outcomes: { sent: number; status: number | string }[] = [];
    const loops = Array.from({ length: 8 }, async (_, k) => {
      while (!stop) {
        const sent = performance.now();
        try {
          const res = await pool.request({ method: 'POST', path: '/v1/indicators/ema', headers: { 'content-type': 'application/json' }, body: k % 4 === 0 ? large : small });
          await res.body.text();
          outcomes.push({ sent, status: res.statusCode });
        } catch (err) {
          outcomes.push({ sent, status: (err as { code?: string }).code ?? 'error' });
          if (sent > sigtermAt) return; // the service is gone: stop this client
        }
      }
    });
    await sleep(1500);
    const admin = `http://127.0.0.1:${svc.metricsPort}`;
    assert.equal((await fetch(`${admin}/ready`)).status, 200);
    sigtermAt = performance.now();
    svc.child.kill('SIGTERM');
    let ready = 200;
    for (let i = 0; i < 50 && ready === 200; i++, await sleep(10)) ready = (await fetch(`${admin}/ready`)).status;
    assert.equal(ready, 503, 'readiness false first');
    const servedAfterNotReady = outcomes.length;
    const code = await Promise.race([svc.exited, sleep(15_000).then(() => 'timeout')]);
    const exitedAfter = performance.now() - sigtermAt;
    stop = true;
    await Promise.all(loops);
    assert.equal(code, 0);
    assert.ok(exitedAfter < 8000, `exit within SHUTDOWN_TIMEOUT_MS (${Math.round(exitedAfter)} ms)`);
    const before = outcomes.filter((o) => o.sent < sigtermAt);
    assert.ok(before.length > 20, `load before SIGTERM (${before.length} requests)`);
    assert.deepEqual(before.filter((o) => o.status !== 200), [], 'no request sent before SIGTERM failed');
    assert.ok(outcomes.length > servedAfterNotReady, 'requests were still served while readiness was false (drain delay)');
    // After the drain delay: refused connections or 503 SHUTTING_DOWN, never a 5xx other than 503.
    for (const o of outcomes.filter((x) => x.sent >= sigtermAt)) assert.ok(o.status === 200 || o.status === 503 || typeof o.status === 'string', String(o.status));
  } finally {
    stop = true;
    await pool.destroy();
    svc.cleanup();
  }
});

for (const drainDelay of ['0', '400']) {
  test(`SIGTERM under keep-alive load (DRAIN_DELAY_MS=${drainDelay}): no request sent before the listener closed sees a reset`, async () => {
    const { Pool } = await import('undici');
    const svc = await startService({ DRAIN_DELAY_MS: drainDelay, SHUTDOWN_TIMEOUT_MS: '8000', COMPUTE_SOCKET: '', WORKER_THREADS: '0' });
    const connections = 16;
    const pool = new Pool(`http://127.0.0.1:${svc.port}`, { connections });
    const body = JSON.stringify({ inputs: { close: Array.from({ length: 500 }, (_, i) => 100 + Math.sin(i)) }, params: { period: 10 } });
    const now = () => performance.timeOrigin + performance.now(); // wall clock, as the service logs it
    let stop = false;
    const outcomes: { sent: number; status: number | string }[] = [];
    const loops = Array.from({ length: connections }, async () => {
      while (!stop) {
        const sent = now();
        try {
          const res = await pool.request({ method: 'POST', path: '/v1/indicators/ema', headers: { 'content-type': 'application/json' }, body });
          await res.body.text();
          outcomes.push({ sent, status: res.statusCode });
        } catch (err) {
          outcomes.push({ sent, status: (err as { code?: string }).code ?? 'error' });
          if (closedAt() < Infinity) return;
        }
      }
    });
    // When the listeners stopped accepting, as the service logged it (or, from a build that does
    // not log it, when the first connection was refused).
    const closedAt = () => {
      const line = svc.logs.find((l) => String(l.msg).startsWith('listeners closed'));
      return line ? Date.parse(String(line.time)) : Math.min(...outcomes.filter((o) => o.status === 'ECONNREFUSED').map((o) => o.sent));
    };
    try {
      await sleep(1000);
      const sigterm = now();
      svc.child.kill('SIGTERM');
      const code = await Promise.race([svc.exited, sleep(12_000).then(() => 'timeout')]);
      stop = true;
      await Promise.all(loops);
      const listenerClosedAt = closedAt();
      assert.ok(listenerClosedAt < Infinity, 'the listeners closed');
      assert.equal(code, 0);
      const before = outcomes.filter((o) => o.sent < listenerClosedAt);
      assert.ok(before.filter((o) => o.sent < sigterm).length > 50, 'load before SIGTERM');
      // A refused connection is clean (the request was never sent); a reset is what must not happen.
      const broken = before.filter((o) => o.status !== 200 && o.status !== 'ECONNREFUSED');
      assert.deepEqual(broken, [], `requests sent before the listener closed that failed: ${JSON.stringify(broken.slice(0, 5))}`);
      // With a drain delay the listeners stay open for it, so requests sent after SIGTERM must have
      // been served (the window was exercised). Without one they close within a millisecond or two of
      // SIGTERM: whether a request falls in between is chance, and the check above is the test.
      if (Number(drainDelay) > 0) assert.ok(before.some((o) => o.sent > sigterm && o.status === 200), 'requests after SIGTERM were served');
    } finally {
      stop = true;
      await pool.destroy();
      svc.cleanup();
    }
  });
}
