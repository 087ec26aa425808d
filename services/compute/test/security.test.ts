import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCOPES, authenticate, credentialsFrom, loadCredentials, type Scope } from '../src/auth.ts';
import { start, type Reply } from './helpers.ts';
import { sleep, startService } from './process.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const TOKEN_A = 'token-a-0123456789abcdef';
const TOKEN_B = 'token-b-0123456789abcdef';
const sma = { inputs: { close: [1, 2, 3, 4] }, params: { period: 2 } };

function problem(res: Reply, status: number, slug: string) {
  assert.equal(res.status, status, res.text());
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const body = res.json();
  assert.equal(body.type, `/problems/${slug}`);
  assert.equal(body.status, status);
  assert.doesNotMatch(res.text(), /\bat .*\.ts:\d+|node_modules|\/work\/|stack/i, 'no stack traces or paths');
  return body;
}

const errorCount = async (adminUrl: string, type: string) =>
  Number(new RegExp(`^chitti_compute_errors_total\\{type="${type}"\\} (\\S+)$`, 'm').exec(await (await fetch(`${adminUrl}/metrics`)).text())?.[1]);

test('tokens: parsed from API_TOKENS and API_TOKENS_FILE, weak or contradictory settings rejected', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chitti-auth-'));
  try {
    const file = join(dir, 'tokens');
    writeFileSync(file, `# comment\n${TOKEN_A} trading-desk\n\n${TOKEN_B}\n`);
    const errors: string[] = [];
    const auth = loadCredentials({ API_TOKENS_FILE: file, API_TOKENS: 'env-token-0123456789abcdef' }, errors);
    assert.deepEqual(errors, []);
    assert.equal(auth.mode, 'required');
    if (auth.mode !== 'required') return;
    assert.deepEqual(auth.credentials.map((c) => c.client), ['env-1', 'trading-desk', 'file-4']);
    const all = new Set(SCOPES);
    assert.deepEqual(authenticate(`Bearer ${TOKEN_A}`, auth.credentials), { ok: true, client: 'trading-desk', scopes: all });
    assert.deepEqual(authenticate(`bearer ${TOKEN_B}`, auth.credentials), { ok: true, client: 'file-4', scopes: all });
    assert.deepEqual(authenticate(`Bearer ${TOKEN_A}x`, auth.credentials), { ok: false, reason: 'invalid' });
    assert.deepEqual(authenticate(`Basic ${TOKEN_A}`, auth.credentials), { ok: false, reason: 'malformed' });
    assert.deepEqual(authenticate(undefined, auth.credentials), { ok: false, reason: 'missing' });
    const check = (env: Record<string, string>) => {
      const e: string[] = [];
      loadCredentials(env, e);
      return e.join('\n');
    };
    assert.match(check({}), /no token is configured.*API_AUTH=disabled/);
    assert.match(check({ API_TOKENS: 'short' }), /at least 16 characters/);
    assert.match(check({ API_AUTH: 'disabled', API_TOKENS: TOKEN_A }), /contradicts/);
    assert.match(check({ API_AUTH: 'maybe' }), /API_AUTH must be/);
    assert.match(check({ API_TOKENS_FILE: join(dir, 'missing') }), /cannot be read \(ENOENT\)/);
    writeFileSync(file, `${TOKEN_A} desk compute,stream\n${TOKEN_B} board read\nlong-enough-token-0123456 x *\n`);
    const scoped = loadCredentials({ API_TOKENS_FILE: file }, []);
    assert.ok(scoped.mode === 'required');
    assert.deepEqual(scoped.credentials.map((c) => [c.client, [...c.scopes]]), [['desk', ['compute', 'stream']], ['board', ['read']], ['x', [...SCOPES]]]);
    writeFileSync(file, `${TOKEN_A} desk compute,write\n${TOKEN_B} board read extra\n`);
    const problems = check({ API_TOKENS_FILE: file });
    assert.match(problems, /line 1: unknown scope "write"; scopes are \* or a comma-separated list of read, compute, batch, stream/);
    assert.match(problems, /line 2: expected "token \[client-name \[scopes\]\]"/);
    assert.equal(check({ API_AUTH: 'disabled' }), '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the process refuses to start without tokens unless API_AUTH=disabled (exit 2)', () => {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', METRICS_PORT: '0', COMPUTE_SOCKET: '' };
  delete env.API_AUTH;
  delete env.API_TOKENS;
  delete env.API_TOKENS_FILE;
  const r = spawnSync(process.execPath, [MAIN], { env, encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /API authentication is required but no token is configured/);
});

test('401 problem+json without, with a malformed and with an unknown token; 200 with a valid one; counted', async () => {
  const h = await start({ auth: credentialsFrom([{ token: TOKEN_A, client: 'desk-a' }]) });
  try {
    for (const via of ['tcp', 'unix'] as const) {
      const none = await h.call(via, '/v1/indicators/sma', { json: sma });
      assert.equal(problem(none, 401, 'unauthorized').code, 'TOKEN_MISSING');
      assert.equal(none.headers['www-authenticate'], 'Bearer realm="chitti-compute"');
      const bad = await h.call(via, '/v1/indicators/sma', { json: sma, headers: { authorization: `Bearer ${TOKEN_B}` } });
      assert.equal(problem(bad, 401, 'unauthorized').code, 'TOKEN_INVALID');
      assert.match(String(bad.headers['www-authenticate']), /error="invalid_token"/);
      problem(await h.call(via, '/v1/indicators/sma', { json: sma, headers: { authorization: TOKEN_A } }), 401, 'unauthorized');
      // Unknown routes and indicators are not revealed before authentication.
      problem(await h.call(via, '/v1/indicators/nope', { json: sma }), 401, 'unauthorized');
      problem(await h.call(via, '/openapi.json'), 401, 'unauthorized');
      const ok = await h.call(via, '/v1/indicators/sma', { json: sma, headers: { authorization: `Bearer ${TOKEN_A}` } });
      assert.equal(ok.status, 200, ok.text());
    }
    assert.equal(await errorCount(h.adminUrl, 'unauthorized'), 10);
    const doc = (await h.call('tcp', '/openapi.json', { headers: { authorization: `Bearer ${TOKEN_A}` } })).json();
    assert.deepEqual(doc.security, [{ bearerAuth: [] }]);
    assert.equal(doc.components.securitySchemes.bearerAuth.scheme, 'bearer');
    assert.ok(doc.paths['/v1/indicators/sma'].post.responses['401'] && doc.paths['/v1/batch'].post.responses['429']);
    assert.equal((await fetch(`${h.adminUrl}/health`)).status, 200, 'the admin port needs no token');
  } finally {
    await h.close();
  }
});

test('403 problem+json when a valid token lacks the route\'s scope; counted', async () => {
  const scopes = (...names: Scope[]) => new Set(names);
  const h = await start({ auth: credentialsFrom([{ token: TOKEN_A, client: 'board', scopes: scopes('read') }, { token: TOKEN_B, client: 'engine', scopes: scopes('compute', 'stream') }]) });
  try {
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    for (const via of ['tcp', 'unix'] as const) {
      assert.equal((await h.call(via, '/v1/indicators', { headers: as(TOKEN_A) })).status, 200, 'read may list the registry');
      const denied = problem(await h.call(via, '/v1/indicators/sma', { json: sma, headers: as(TOKEN_A) }), 403, 'forbidden');
      assert.equal(denied.code, 'SCOPE_MISSING');
      assert.match(denied.detail, /client "board" does not have the "compute" scope/);
      problem(await h.call(via, '/v1/stream', { headers: as(TOKEN_A) }), 403, 'forbidden');
      assert.equal((await h.call(via, '/v1/indicators/sma', { json: sma, headers: as(TOKEN_B) })).status, 200, 'compute may compute');
      assert.match(problem(await h.call(via, '/v1/batch', { json: { series: { a: { close: [1, 2, 3] } }, indicators: [{ id: 'sma', params: { period: 2 } }] }, headers: as(TOKEN_B) }), 403, 'forbidden').detail, /"batch" scope/);
      problem(await h.call(via, '/openapi.json', { headers: as(TOKEN_B) }), 403, 'forbidden');
    }
    assert.equal(await errorCount(h.adminUrl, 'forbidden'), 8);
    const doc = (await h.call('tcp', '/openapi.json', { headers: as(TOKEN_A) })).json();
    assert.ok(doc.paths['/v1/indicators/sma'].post.responses['403'] && doc.paths['/v1/batch'].post.responses['403']);
    assert.ok(doc.paths['/v1/stream'].get.responses['101'] && doc.paths['/v1/stream'].get.responses['403'], 'the WebSocket route is documented');
  } finally {
    await h.close();
  }
});

test('429 problem+json with Retry-After past the per-client rate limit; clients counted separately', async () => {
  const h = await start({ auth: credentialsFrom([{ token: TOKEN_A, client: 'a' }, { token: TOKEN_B, client: 'b' }]), rateLimit: { max: 3, windowMs: 60_000 } });
  try {
    const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
    for (let i = 0; i < 3; i++) assert.equal((await h.call('tcp', '/v1/indicators', as(TOKEN_A))).status, 200);
    const limited = await h.call('tcp', '/v1/indicators', as(TOKEN_A));
    const body = problem(limited, 429, 'rate-limited');
    assert.equal(body.code, 'RATE_LIMITED');
    assert.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After in seconds');
    assert.equal((await h.call('tcp', '/v1/indicators', as(TOKEN_B))).status, 200, 'another client has its own budget');
    assert.equal(await errorCount(h.adminUrl, 'rate_limited'), 1);
  } finally {
    await h.close();
  }
});

test('fault injection: x-chitti-fault: error is a counted 500 only when enabled', async () => {
  const off = await start();
  try {
    assert.equal((await off.call('tcp', '/v1/indicators/sma', { json: sma, headers: { 'x-chitti-fault': 'error' } })).status, 200);
  } finally {
    await off.close();
  }
  const on = await start({ faultInjection: true });
  try {
    const res = await on.call('tcp', '/v1/indicators/sma', { json: sma, headers: { 'x-chitti-fault': 'error' } });
    assert.equal(problem(res, 500, 'internal').code, 'INJECTED_FAULT');
    assert.equal((await on.call('tcp', '/v1/indicators/sma', { json: sma })).status, 200);
    assert.equal(await errorCount(on.adminUrl, 'internal'), 1);
  } finally {
    await on.close();
  }
});

test('the Unix socket is mode 0660, owned by COMPUTE_SOCKET_GROUP when set', async () => {
  const h = await start();
  try {
    assert.equal(statSync(h.socket).mode & 0o777, 0o660);
  } finally {
    await h.close();
  }
  const { listen } = await import('../src/listeners.ts');
  const { buildApp } = await import('../src/app.ts');
  const dir = mkdtempSync(join(tmpdir(), 'chitti-sock-group-'));
  const app = await buildApp({ speedupIntervalSeconds: -1, workers: { threads: 0 } });
  // As root, a group the process is not in (nogroup) proves the chown; otherwise the own group.
  const gid = process.getuid!() === 0 ? 65534 : process.getgid!();
  try {
    const l = await listen(app, { host: '127.0.0.1', port: 0, socket: join(dir, 's.sock'), socketGroup: String(gid) });
    const st = statSync(join(dir, 's.sock'));
    assert.equal(st.gid, gid);
    assert.equal(st.mode & 0o777, 0o660);
    await l.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const workers of ['1', '2']) {
  test(`SIGHUP reloads API_TOKENS_FILE (WORKERS=${workers}); a bad file keeps the current tokens`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chitti-reload-'));
    const file = join(dir, 'tokens');
    writeFileSync(file, `${TOKEN_A} old-client\n`);
    const svc = await startService({ API_AUTH: 'required', API_TOKENS_FILE: file, WORKERS: workers, WORKER_THREADS: '0', COMPUTE_SOCKET: '' });
    const status = async (token: string) => {
      // New connections, so that in cluster mode every worker is asked in turn.
      const res = await fetch(`http://127.0.0.1:${svc.port}/v1/indicators`, { headers: { authorization: `Bearer ${token}`, connection: 'close' } });
      await res.arrayBuffer();
      return res.status;
    };
    const reloads = async (msg: string, n: number) => {
      for (let i = 0; i < 100 && svc.logs.filter((l) => l.msg === msg).length < n; i++) await sleep(30);
      return svc.logs.filter((l) => l.msg === msg).length;
    };
    try {
      assert.deepEqual([await status(TOKEN_A), await status(TOKEN_B)], [200, 401]);
      writeFileSync(file, `${TOKEN_B} new-client\n`);
      svc.child.kill('SIGHUP');
      assert.equal(await reloads('SIGHUP: tokens reloaded', Number(workers)), Number(workers));
      for (let i = 0; i < 4; i++) assert.deepEqual([await status(TOKEN_B), await status(TOKEN_A)], [200, 401]);
      writeFileSync(file, 'too-short\n');
      svc.child.kill('SIGHUP');
      assert.equal(await reloads('SIGHUP: tokens not reloaded; the current ones stay in force', Number(workers)), Number(workers));
      for (let i = 0; i < 4; i++) assert.equal(await status(TOKEN_B), 200);
      assert.equal(svc.child.exitCode, null, 'still running');
    } finally {
      svc.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
