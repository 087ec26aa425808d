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
import { MAIN, startService } from './process.ts';

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

test('shutdown removes its own socket file, not one that replaced it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chitti-sock-own-'));
  const path = join(dir, 's.sock');
  const svc = await startService({ COMPUTE_SOCKET: path });
  const other = createServer();
  try {
    // Another process (here: a plain server) now owns the path.
    unlinkSync(path);
    await new Promise<void>((resolve) => other.listen(path, resolve));
    const ino = lstatSync(path).ino;
    svc.child.kill('SIGTERM');
    assert.equal(await svc.exited, 0);
    assert.ok(existsSync(path), 'the other socket is still there');
    assert.equal(lstatSync(path).ino, ino);
  } finally {
    other.close();
    svc.cleanup();
  }
  // And when it is still ours, it goes.
  const again = await startService({ COMPUTE_SOCKET: path });
  try {
    again.child.kill('SIGTERM');
    assert.equal(await again.exited, 0);
    assert.ok(!existsSync(path), 'our socket file removed');
  } finally {
    again.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});

const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({ ...process.env, PORT: '0', METRICS_PORT: '0', HOST: '127.0.0.1', METRICS_HOST: '127.0.0.1', API_AUTH: 'disabled', SPEEDUP_INTERVAL_SECONDS: '0', ...extra });

for (const workers of ['1', '2']) {
  test(`an unknown COMPUTE_SOCKET_GROUP stops the start (exit 1) and leaves no socket file (WORKERS=${workers})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'chitti-sock-group-'));
    const path = join(dir, 's.sock');
    try {
      const r = spawnSync(process.execPath, [MAIN], { env: env({ COMPUTE_SOCKET: path, COMPUTE_SOCKET_GROUP: 'no-such-group-chitti', WORKERS: workers, WORKER_THREADS: '0' }), encoding: 'utf8', timeout: 20_000 });
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /COMPUTE_SOCKET_GROUP: no group named \\"no-such-group-chitti\\"/);
      assert.ok(!existsSync(path), 'no socket file left behind');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a socket path in a missing directory is reported as such, not as EACCES', () => {
  const path = join(tmpdir(), `chitti-missing-${process.pid}`, 'sub', 's.sock');
  const r = spawnSync(process.execPath, [MAIN], { env: env({ COMPUTE_SOCKET: path }), encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /the directory .*chitti-missing-\d+\/sub does not exist/);
  assert.doesNotMatch(r.stdout, /EACCES/);
});
