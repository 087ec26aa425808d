// Integration: the compose stack scaled to two compute replicas behind the balancer (HAProxy,
// deploy/haproxy/haproxy.cfg): both discovered and scraped by Prometheus, the balancer's own metrics
// too; requests spread per request over both on one keep-alive connection; one replica stopped under
// load without a lost request; then none, and the balancer answers 503 problem+json and turns
// unhealthy. Starts compute x2, balancer, alert-sink, alertmanager and prometheus (no load generator)
// under its own compose project, and always takes them down again (down -v). The compose file is
// docker-compose.yml with every published port's host side left to Docker (ephemeral), so a demo
// stack or another test holding the fixed ports does not get in the way.
// Needs a Docker engine, a compose CLI and the stack's images already built (offline images from
// deploy/offline/build-images.sh, or the upstream flavour's); it never builds or pulls.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { offlineImages, upstreamImages } from '../images.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const project = `chitti-scale-test-${process.pid}`;
const workDir = mkdtempSync(join(tmpdir(), 'chitti-scale-'));

const ok = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000 }).status === 0;
const composeCli = ok('docker', ['compose', 'version']) ? ['docker', 'compose'] : ok('docker-compose', ['version']) ? ['docker-compose'] : null;
const hasCompose = composeCli !== null;
const engine = ok('docker', ['info', '--format', '{{.ServerVersion}}']);
const needed = (images: { haproxy: string; compute: string; prometheus: string; alertmanager: string; alertSink: string }) =>
  [images.haproxy, images.compute, images.prometheus, images.alertmanager, images.alertSink];
const present = (images: string[]) => engine && images.every((image) => ok('docker', ['image', 'inspect', image]));
const flavour = present(needed(offlineImages())) ? 'offline' : present(needed(upstreamImages())) ? 'upstream' : null;
const skip = !engine ? 'no Docker engine answers'
  : !hasCompose ? 'no compose CLI (docker compose v2 or docker-compose 1.29)'
  : flavour === null ? 'the stack images are not built (deploy/offline/build-images.sh)'
  : false;

/** docker-compose.yml with `127.0.0.1:8080-8089:8080` and the like turned into `127.0.0.1::8080`. */
function withEphemeralHostPorts(yaml: string): string {
  const out = yaml.replace(/^(\s+- ")127\.0\.0\.1:[\d-]+:(\d+)"$/gm, '$1127.0.0.1::$2"');
  const ports = (text: string) => Object.values((parse(text) as { services: Record<string, { ports?: string[] }> }).services).flatMap((svc) => svc.ports ?? []);
  if (ports(out).length !== ports(yaml).length || !ports(out).every((p) => /^127\.0\.0\.1::\d+$/.test(p))) {
    throw new Error(`could not make every published port ephemeral: ${ports(out).join(', ')}`);
  }
  return out;
}

function compose(...args: string[]): { status: number; out: string } {
  const derived = join(workDir, 'docker-compose.yml');
  writeFileSync(derived, withEphemeralHostPorts(readFileSync(`${root}/docker-compose.yml`, 'utf8')));
  const files = ['-f', derived, ...(flavour === 'offline' ? ['-f', `${root}/deploy/offline/docker-compose.offline.yml`] : [])];
  const [cmd, ...sub] = composeCli!;
  const r = spawnSync(cmd!, [...sub, '-p', project, '--project-directory', root, '--env-file', `${root}/deploy/images.env`, ...files, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, CHITTI_API_TOKEN: token, GRAFANA_ADMIN_PASSWORD: 'unused-by-this-test' },
  });
  return { status: r.status ?? 1, out: `${r.stdout}${r.stderr}` };
}

let prometheusUrl = '';
let apiPort = 0;
let balancerPort = 0;
const token = 'scale-test-token-0123456789';

interface Target { labels: Record<string, string>; health: string; lastError: string; scrapeUrl: string }

async function computeTargets(): Promise<Target[]> {
  const res = await fetch(`${prometheusUrl}/api/v1/targets?state=active`, { signal: AbortSignal.timeout(5000) });
  const body = (await res.json()) as { data: { activeTargets: Target[] } };
  return body.data.activeTargets.filter((t) => t.labels.job === 'chitti-compute');
}

async function query(expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const url = `${prometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`;
  const body = (await (await fetch(url, { signal: AbortSignal.timeout(5000) })).json()) as { data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
  return body.data.result;
}

/** Polls `fn` every 2 s until it returns true, for at most `seconds`; returns the last value seen. */
async function until<T>(seconds: number, fn: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: T | undefined;
  for (;;) {
    try {
      last = await fn();
      if (done(last)) return last;
    } catch { /* Prometheus not answering yet */ }
    if (Date.now() > deadline) return last as T;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** Concurrent keep-alive clients of the replica-stop test. */
const CLIENTS = 4;

interface Answer { status: number; replica: string; localPort: number; reused: boolean }

/** One SMA request through the balancer on `agent`: the status, the replica that answered, the connection. */
function sma(agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: apiPort, path: '/v1/indicators/sma', method: 'POST', agent,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, replica: String(res.headers['x-chitti-replica'] ?? ''), localPort: req.socket?.localPort ?? 0, reused: req.reusedSocket }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', reject);
    req.end(JSON.stringify({ inputs: { close: [1, 2, 3, 4] }, params: { period: 2 } }));
  });
}

/** Sends `bytes` on a raw connection to the API and stalls: what comes back, and how long the first byte took. */
function stall(bytes: string): Promise<{ answer: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const socket = connect({ host: '127.0.0.1', port: apiPort }, () => socket.write(bytes));
    let answer = '';
    let ms = -1;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      if (ms < 0) ms = Date.now() - t0;
      answer += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ answer, ms }));
    socket.setTimeout(20_000, () => socket.destroy(new Error('nothing within 20 s')));
  });
}

/** Counters of the balancer's backend `compute` (its exporter, read directly). */
async function backendCounters(): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${balancerPort}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
  const out: Record<string, number> = {};
  for (const name of ['retry_warnings_total', 'redispatch_warnings_total', 'connection_errors_total', 'response_errors_total']) {
    const m = new RegExp(`^haproxy_backend_${name}\\{proxy="compute"\\} (\\d+)$`, 'm').exec(text);
    out[name] = Number(m?.[1] ?? NaN);
  }
  return out;
}

/** A command run without blocking the event loop (the load keeps going meanwhile). */
async function run(cmd: string, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await promisify(execFile)(cmd, args, { encoding: 'utf8', timeout: 60_000 });
    return { code: 0, out: `${r.stdout}${r.stderr}` };
  } catch (error) {
    return { code: 1, out: String(error) };
  }
}

describe('docker compose up --scale compute=2', { skip, timeout: 300_000 }, () => {
  before(() => {
    const up = compose('up', '-d', '--no-build', '--scale', 'compute=2', 'prometheus', 'balancer');
    assert.equal(up.status, 0, `compose up failed:\n${up.out}`);
    const port = compose('port', 'prometheus', '9090');
    const address = /127\.0\.0\.1:(\d+)/.exec(port.out);
    assert.ok(address, `no host port for Prometheus: ${port.out}`);
    prometheusUrl = `http://127.0.0.1:${address[1]}`;
    const api = /127\.0\.0\.1:(\d+)/.exec(compose('port', 'balancer', '8080').out);
    assert.ok(api, 'no host port for the balancer');
    apiPort = Number(api[1]);
    const own = /127\.0\.0\.1:(\d+)/.exec(compose('port', 'balancer', '8404').out);
    assert.ok(own, 'no host port for the balancer\'s stats and metrics');
    balancerPort = Number(own[1]);
  });

  after(() => {
    const down = compose('down', '-v', '--remove-orphans');
    rmSync(workDir, { recursive: true, force: true });
    assert.equal(down.status, 0, `compose down failed:\n${down.out}`);
  });

  it('runs two compute containers', () => {
    const ps = compose('ps', '-q', 'compute');
    assert.equal(ps.status, 0, ps.out);
    assert.equal(ps.out.trim().split('\n').filter((l) => /^[0-9a-f]{12,}$/.test(l)).length, 2, ps.out);
  });

  it('Prometheus discovers both replicas by DNS and scrapes both', async () => {
    const targets = await until(120, computeTargets, (ts) => ts.length === 2 && ts.every((t) => t.health === 'up'));
    assert.equal(targets?.length, 2, `targets: ${JSON.stringify(targets)}`);
    for (const t of targets) {
      assert.equal(t.health, 'up', `${t.labels.instance}: ${t.lastError}`);
      assert.match(t.labels.instance ?? '', /^\d+\.\d+\.\d+\.\d+:9464$/);
    }
    assert.equal(new Set(targets.map((t) => t.labels.instance)).size, 2, 'two distinct instances');
  });

  it('has the service metrics of both replicas in the TSDB, each under its own instance', async () => {
    const info = await until(60, () => query('chitti_compute_info{job="chitti-compute"}'), (r) => r.length === 2);
    assert.equal(info.length, 2, JSON.stringify(info));
    assert.equal(new Set(info.map((r) => r.metric.instance)).size, 2);
    const total = await query('count(up{job="chitti-compute"} == 1)');
    assert.equal(total[0]?.value[1], '2');
  });

  it('balances per request: one keep-alive connection reaches both replicas, taking turns', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const answers: Answer[] = [];
      for (let i = 0; i < 10; i++) answers.push(await sma(agent));
      assert.deepEqual(answers.map((a) => a.status), Array(10).fill(200));
      assert.equal(new Set(answers.map((a) => a.localPort)).size, 1, `one client connection: ${answers.map((a) => a.localPort).join(', ')}`);
      assert.deepEqual(answers.map((a) => a.reused), [false, ...Array(9).fill(true)], 'every request after the first reused the connection');
      const replicas = answers.map((a) => a.replica);
      assert.equal(new Set(replicas).size, 2, `both replicas answered: ${replicas.join(', ')}`);
      for (let i = 1; i < replicas.length; i++) assert.notEqual(replicas[i], replicas[i - 1], `round robin per request: ${replicas.join(', ')}`);
    } finally {
      agent.destroy();
    }
    // The replicas' own counters agree (one scrape interval later): both served some of the ten.
    const expr = 'sum by (instance) (chitti_compute_requests_total{job="chitti-compute", route="/v1/indicators/:id"})';
    const counts = await until(45, () => query(expr), (r) => r.length === 2 && r.every((x) => Number(x.value[1]) >= 5));
    assert.deepEqual(counts.map((r) => r.value[1]), ['5', '5'], JSON.stringify(counts));
  });

  it('has the balancer\'s own metrics in Prometheus: both replicas up, the requests counted per replica', async () => {
    const up = await until(60, () => query('haproxy_backend_active_servers{job="chitti-balancer", proxy="compute"}'), (r) => r[0]?.value[1] === '2');
    assert.equal(up[0]?.value[1], '2', JSON.stringify(up));
    const served = await until(45, () => query('sum(haproxy_server_http_responses_total{job="chitti-balancer", proxy="compute", code="2xx"})'), (r) => Number(r[0]?.value[1]) >= 10);
    assert.ok(Number(served[0]?.value[1]) >= 10, JSON.stringify(served));
  });

  it('cuts a client that sends its headers too slowly at the edge: 408 within 5 s, before the service\'s 10 s', { timeout: 30_000 }, async () => {
    const { answer, ms } = await stall('POST /v1/indicators/sma HTTP/1.1\r\nhost: balancer\r\n');
    // HAProxy's HTTP/1 layer answers unfinished headers with its built-in 408 (text/html), not an errorfile.
    assert.match(answer, /^HTTP\/1\.1 408 /);
    assert.ok(ms >= 3500 && ms < 9000, `cut after ${ms} ms (edge: timeout client 4 s, http-request 5 s; HEADERS_TIMEOUT_MS 10 s)`);
  });

  it('cuts a body that stops arriving at the edge, before the service\'s 5 s idle timeout', { timeout: 30_000 }, async () => {
    const head = `POST /v1/indicators/sma HTTP/1.1\r\nhost: balancer\r\nauthorization: Bearer ${token}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n`;
    const { answer, ms } = await stall(`${head}{"inputs":`);
    assert.match(answer, /^HTTP\/1\.1 408 /);
    assert.match(answer, /content-type: application\/problem\+json/i);
    assert.ok(ms < 5000, `cut after ${ms} ms (IDLE_TIMEOUT_MS 5 s)`);
  });

  it('refuses a body over the service\'s 64 MiB limit at the edge: 413 problem+json', async () => {
    const { answer } = await stall(`POST /v1/indicators/sma HTTP/1.1\r\nhost: balancer\r\ncontent-type: application/json\r\ncontent-length: ${64 * 1024 * 1024 + 1}\r\n\r\n`);
    assert.match(answer, /^HTTP\/1\.1 413 /);
    assert.match(answer, /content-type: application\/problem\+json/i);
  });

  it('loses no request while one replica is stopped under load (drain, then retries)', { timeout: 90_000 }, async () => {
    const ids = compose('ps', '-q', 'compute').out.trim().split('\n').filter((l) => /^[0-9a-f]{12,}$/.test(l));
    assert.equal(ids.length, 2, 'two replicas before the stop');
    const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
    const outcomes: string[] = [];
    const byReplica = new Map<string, number>();
    let stopping = true;
    const worker = async () => {
      while (stopping) {
        try {
          const a = await sma(agent);
          outcomes.push(a.status === 200 ? 'ok' : `status ${a.status}`);
          byReplica.set(a.replica, (byReplica.get(a.replica) ?? 0) + 1);
        } catch (error) {
          outcomes.push(`error ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        }
      }
    };
    const load = Array.from({ length: CLIENTS }, worker);
    const before = await backendCounters();
    const t0 = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    // docker stop: SIGTERM, the replica drains (DRAIN_DELAY_MS), then exits; compose's grace 20 s.
    const stopped = await run('docker', ['stop', '-t', '20', ids[0]!]);
    const stopMs = Date.now() - t0 - 2000;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    stopping = false;
    await Promise.all(load);
    agent.destroy();
    const failed = outcomes.filter((o) => o !== 'ok');
    const after = await backendCounters();
    const delta = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - before[k]!]));
    console.log(`[scale] replica stop under load (${CLIENTS} keep-alive clients): ${outcomes.length} requests, ${failed.length} failed, docker stop took ${stopMs} ms; answered by ${JSON.stringify(Object.fromEntries(byReplica))}; balancer meanwhile: ${JSON.stringify(delta)}`);
    assert.equal(stopped.code, 0, stopped.out);
    assert.ok(outcomes.length > 100, `load ran: ${outcomes.length} requests`);
    assert.deepEqual(failed, [], `${failed.length} of ${outcomes.length} requests lost`);
  });

  // Last: it stops the remaining replica. The balancer answers 503 problem+json itself, and its
  // healthcheck (monitor-uri /health) turns unhealthy.
  it('with every replica stopped, answers 503 problem+json and turns unhealthy', { timeout: 120_000 }, async () => {
    const stop = compose('stop', '-t', '2', 'compute');
    assert.equal(stop.status, 0, stop.out);
    // The checks (every second, two failures) and DNS (held 2 s) take the last replica out.
    const res = await until(20, () => fetch(`http://127.0.0.1:${apiPort}/v1/indicators`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) }), (r) => r.status === 503);
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.equal(res.headers.get('retry-after'), '5');
    const problem = (await res.json()) as { status: number; title: string; detail: string };
    assert.equal(problem.status, 503);
    assert.equal(problem.title, 'Service Unavailable');
    assert.match(problem.detail, /no replica/);
    const id = compose('ps', '-q', 'balancer').out.trim().split('\n').find((l) => /^[0-9a-f]{12,}$/.test(l));
    assert.ok(id, 'the balancer container');
    const health = () => spawnSync('docker', ['inspect', '-f', '{{.State.Health.Status}}', id], { encoding: 'utf8' }).stdout.trim();
    // interval 5 s x retries 3 (docker-compose.yml), and a margin.
    const state = await until(60, async () => health(), (h) => h === 'unhealthy');
    assert.equal(state, 'unhealthy');
  });
});
