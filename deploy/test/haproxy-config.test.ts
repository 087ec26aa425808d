// deploy/haproxy/haproxy.cfg against the service it fronts: the edge's timeouts and limits are
// tighter than the compute service's own (a slow or greedy client is cut at the edge first), the
// balancer's own answers are valid problem+json, and HAProxy itself accepts the file (`haproxy -c`
// in the stack's image, where Docker and the image are there).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS, DEFAULT_OVERLOAD, DEFAULT_TIMEOUTS } from '../../services/compute/src/settings.ts';
import { offlineImages, upstreamImages } from '../images.ts';

const dir = fileURLToPath(new URL('../haproxy/', import.meta.url));
const cfg = readFileSync(`${dir}haproxy.cfg`, 'utf8');
/** The config's lines without comments, trimmed. */
const lines = cfg.split('\n').map((l) => l.replace(/(^|\s)#.*$/, '').trim()).filter((l) => l !== '');

/** The lines of one section (`defaults`, `backend compute`, ...). */
function section(header: string): string[] {
  const start = lines.indexOf(header);
  assert.ok(start >= 0, `no section "${header}"`);
  const end = lines.findIndex((l, i) => i > start && /^(global|defaults|resolvers|frontend|backend|listen|http-errors)\b/.test(l));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

const ms = (value: string): number => {
  const m = /^(\d+)(ms|s|m)?$/.exec(value);
  assert.ok(m, `a duration: ${value}`);
  return Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000 } as Record<string, number>)[m[2] ?? 'ms']!;
};
const timeout = (name: string): number => {
  const line = section('defaults').find((l) => l.startsWith(`timeout ${name} `));
  assert.ok(line, `defaults has timeout ${name}`);
  return ms(line.split(/\s+/)[2]!);
};

describe('deploy/haproxy/haproxy.cfg: the edge is tighter than the service', () => {
  it('cuts slow requests first: headers (and buffered body), stalled clients, idle keep-alive', () => {
    const api = section('frontend api');
    const wait = api.findIndex((l) => /^http-request wait-for-body time \d+s$/.test(l));
    assert.ok(wait >= 0, 'the body is waited for at the edge, not on a replica');
    assert.ok(api.findIndex((l) => l.startsWith('http-request deny deny_status 413')) < wait, 'an oversized Content-Length is refused before the body is waited for');
    assert.ok(ms(api[wait]!.split(' ')[3]!) <= timeout('http-request'));
    assert.ok(timeout('http-request') < DEFAULT_TIMEOUTS.headersMs, `http-request ${timeout('http-request')} < HEADERS_TIMEOUT_MS ${DEFAULT_TIMEOUTS.headersMs}`);
    assert.ok(timeout('client') < DEFAULT_TIMEOUTS.idleMs, `client ${timeout('client')} < IDLE_TIMEOUT_MS ${DEFAULT_TIMEOUTS.idleMs}`);
    assert.ok(timeout('http-keep-alive') < DEFAULT_TIMEOUTS.keepAliveMs, 'the balancer closes idle client connections before a replica would');
  });

  it('lets a replica answer its own request timeout before the edge gives up on it', () => {
    assert.ok(timeout('server') > DEFAULT_TIMEOUTS.requestMs, `server ${timeout('server')} > REQUEST_TIMEOUT_MS ${DEFAULT_TIMEOUTS.requestMs}`);
    assert.ok(timeout('queue') > 0 && timeout('connect') > 0 && timeout('check') > 0);
  });

  it('queues at the edge before a replica refuses for overload, and refuses a body over the service\'s limit', () => {
    const perServer = /\bmaxconn (\d+)\b/.exec(section('backend compute').find((l) => l.startsWith('default-server')) ?? '');
    assert.ok(perServer && Number(perServer[1]) < DEFAULT_OVERLOAD.maxInFlight, `per-replica maxconn below MAX_IN_FLIGHT ${DEFAULT_OVERLOAD.maxInFlight}`);
    const deny = section('frontend api').find((l) => l.startsWith('http-request deny deny_status 413'));
    assert.equal(/content-length\) gt (\d+)/.exec(deny ?? '')?.[1], String(DEFAULT_LIMITS.bodyBytes), 'the body limit is MAX_BODY_BYTES');
    assert.ok(section('frontend api').some((l) => /^maxconn \d+$/.test(l)), 'the API frontend has a connection limit');
  });

  it('checks /ready on the admin port, retries undelivered requests elsewhere, answers 503 itself without a replica', () => {
    const backend = section('backend compute');
    assert.ok(backend.includes('http-check send meth GET uri /ready'));
    assert.match(backend.find((l) => l.startsWith('default-server')) ?? '', /\bcheck port 9464\b.*\bresolvers docker\b/);
    assert.match(backend.find((l) => l.startsWith('retry-on')) ?? '', /\bconn-failure\b.*\bempty-response\b/);
    assert.ok(backend.includes('option redispatch 1'));
    assert.match(backend.find((l) => l.startsWith('http-request return status 503')) ?? '', /application\/problem\+json .*no-replica\.json .*if \{ nbsrv\(compute\) lt 1 \}/);
    const balancer = section('frontend balancer');
    assert.ok(balancer.includes('monitor fail if { nbsrv(compute) lt 1 }'), 'the healthcheck fails without a ready replica');
    assert.ok(!balancer.some((l) => l.startsWith('stats admin')), 'the stats page is read-only');
  });
});

describe('deploy/haproxy/errors: the balancer\'s own answers', () => {
  const files = readdirSync(`${dir}errors`).filter((f) => f.endsWith('.http'));
  it('has an errorfile for every status the defaults map, and every file is mapped', () => {
    const mapped = section('defaults').filter((l) => l.startsWith('errorfile ')).map((l) => /^errorfile (\d+) \/usr\/local\/etc\/haproxy\/errors\/(\d+)\.http$/.exec(l)).map((m) => {
      assert.ok(m && m[1] === m[2], 'errorfile <code> .../errors/<code>.http');
      return `${m[1]}.http`;
    });
    assert.deepEqual(mapped.sort(), files.sort());
  });

  for (const file of files) {
    it(`${file} is a complete HTTP answer with a problem+json body`, () => {
      const raw = readFileSync(`${dir}errors/${file}`, 'latin1');
      const [head, body = ''] = raw.split('\r\n\r\n');
      const [status, ...headers] = head!.split('\r\n');
      const code = Number(file.slice(0, 3));
      assert.match(status!, new RegExp(`^HTTP/1\\.1 ${code} [A-Z]`));
      const header = (name: string) => headers.find((h) => h.toLowerCase().startsWith(`${name}:`))?.split(': ')[1];
      assert.equal(header('content-type'), 'application/problem+json');
      assert.equal(Number(header('content-length')), Buffer.byteLength(body, 'latin1'));
      const problem = JSON.parse(body) as { type: string; title: string; status: number; detail: string };
      assert.equal(problem.status, code);
      assert.ok(problem.title && problem.detail && problem.type);
      if (code === 503) assert.equal(header('retry-after'), '5');
    });
  }

  it('no-replica.json is the 503 problem the API backend returns itself', () => {
    const problem = JSON.parse(readFileSync(`${dir}errors/no-replica.json`, 'utf8')) as { status: number; detail: string };
    assert.equal(problem.status, 503);
    assert.match(problem.detail, /no replica/);
  });
});

const hasImage = (image: string) => spawnSync('docker', ['image', 'inspect', image], { stdio: 'ignore', timeout: 30_000 }).status === 0;
const engine = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
const image = !engine ? null : [offlineImages().haproxy, upstreamImages().haproxy].find(hasImage) ?? null;

describe('haproxy -c', { skip: !engine ? 'no Docker engine answers' : image === null ? 'no HAProxy image (deploy/offline/build-images.sh)' : false }, () => {
  it('accepts the configuration without a warning', () => {
    const r = spawnSync('docker', ['run', '--rm', '--network', 'none', '-v', `${dir}:/usr/local/etc/haproxy:ro`, image!, '-c', '-f', '/usr/local/etc/haproxy/haproxy.cfg'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    assert.doesNotMatch(`${r.stdout}${r.stderr}`, /WARNING|ALERT/);
  });
});
