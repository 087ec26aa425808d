/**
 * Smaller hostile-client findings: answers that were not problem+json or leaked internals, a query
 * key silently dropped, and the Unix socket file's life (whose file shutdown removes, what a bad
 * group or a missing directory leaves behind and says).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { f64le, start, type Reply } from './helpers.ts';
import { buildApp } from '../src/app.ts';
import { listen } from '../src/listeners.ts';
import { MAIN } from './process.ts';

function problem(res: Reply, status: number, slug: string): Record<string, unknown> {
  assert.equal(res.status, status, res.text());
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const body = res.json();
  assert.equal(body.type, `/problems/${slug}`);
  assert.equal(body.status, status);
  assert.doesNotMatch(res.text(), /FST_|ERR_/, 'no framework-internal code');
  return body;
}

test('GET /v1/stream without an upgrade: 426 problem with Upgrade: websocket, on both listeners', async () => {
  const h = await start();
  try {
    for (const via of ['tcp', 'unix'] as const) {
      const res = await h.call(via, '/v1/stream');
      assert.equal(problem(res, 426, 'upgrade-required').code, 'WEBSOCKET_REQUIRED');
      assert.equal(res.headers.upgrade, 'websocket');
    }
  } finally {
    await h.close();
  }
});

test('415 names the content type and carries a stable code, not fastify\'s', async () => {
  const h = await start();
  try {
    for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'application/xml' }, {}] as Record<string, string>[]) {
      const res = await h.call('tcp', '/v1/indicators/sma', { method: 'POST', headers, body: '<a/>' });
      const body = problem(res, 415, 'unsupported-media-type');
      assert.equal(body.code, 'UNSUPPORTED_MEDIA_TYPE');
      assert.match(String(body.detail), /application\/json/);
    }
  } finally {
    await h.close();
  }
});

test('a __proto__ query parameter on the binary route is refused (400), as in JSON bodies, not dropped', async () => {
  const h = await start();
  try {
    const bin = { headers: { 'content-type': 'application/octet-stream' }, body: f64le([1, 2, 3, 4]) };
    const res = await h.call('tcp', '/v1/indicators/sma?period=2&__proto__=3', bin);
    const body = problem(res, 400, 'malformed-request');
    assert.deepEqual([body.code, body.pointer], ['FORBIDDEN_MEMBER', 'params.__proto__']);
    // constructor is no special name: an unknown parameter, as any other.
    assert.equal(problem(await h.call('tcp', '/v1/indicators/sma?constructor=3', bin), 422, 'invalid-params').pointer, 'params.constructor');
  } finally {
    await h.close();
  }
});

/** A listening app on a Unix socket at `path` (TCP on an ephemeral loopback port). */
async function listenAt(path: string, socketGroup?: string) {
  const app = await buildApp({ speedupIntervalSeconds: -1, workers: { threads: 0 } });
  return listen(app, { host: '127.0.0.1', port: 0, socket: path, socketGroup, idleCloseGraceMs: 50 });
}

test('shutdown removes its own socket file, not one that replaced it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chitti-sock-own-'));
  const path = join(dir, 's.sock');
  const other = createServer();
  try {
    const first = await listenAt(path);
    // Another process (here: a plain server) now owns the path.
    unlinkSync(path);
    await new Promise<void>((resolve) => other.listen(path, resolve));
    const ino = lstatSync(path).ino;
    await first.close();
    assert.ok(existsSync(path), 'the other socket is still there');
    assert.equal(lstatSync(path).ino, ino);
    other.close();
    // And when it is still ours, it goes.
    const second = await listenAt(path);
    await second.close();
    assert.ok(!existsSync(path), 'our socket file removed');
  } finally {
    other.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unknown COMPUTE_SOCKET_GROUP stops the start and leaves no socket file (one process, and a cluster, exit 1)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chitti-sock-group-'));
  const path = join(dir, 's.sock');
  try {
    await assert.rejects(listenAt(path, 'no-such-group-chitti'), /COMPUTE_SOCKET_GROUP: no group named "no-such-group-chitti"/);
    assert.ok(!existsSync(path), 'no socket file left behind');
    const env = { ...process.env, PORT: '0', METRICS_PORT: '0', HOST: '127.0.0.1', METRICS_HOST: '127.0.0.1', API_AUTH: 'disabled', SPEEDUP_INTERVAL_SECONDS: '0' };
    const r = spawnSync(process.execPath, [MAIN], { env: { ...env, COMPUTE_SOCKET: path, COMPUTE_SOCKET_GROUP: 'no-such-group-chitti', WORKERS: '2', WORKER_THREADS: '0' }, encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /COMPUTE_SOCKET_GROUP: no group named \\"no-such-group-chitti\\"/);
    assert.ok(!existsSync(path), 'no socket file left behind by the cluster');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a socket path in a missing directory is reported as such, not as EACCES', async () => {
  const path = join(tmpdir(), `chitti-missing-${process.pid}`, 'sub', 's.sock');
  await assert.rejects(listenAt(path), (err: Error) => /the directory .*chitti-missing-\d+\/sub does not exist/.test(err.message) && !/EACCES/.test(err.message));
});
