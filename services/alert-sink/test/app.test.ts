import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { buildApp } from '../src/app.ts';
import { alert, payload } from './fixtures.ts';

type App = ReturnType<typeof buildApp>;

async function start(app: App): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  assert.ok(addr && typeof addr === 'object');
  return `http://127.0.0.1:${addr.port}`;
}

const post = (base: string, body: unknown, type = 'application/json') =>
  fetch(`${base}/webhook`, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('alert sink over HTTP', () => {
  const logLines: Record<string, unknown>[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = buildApp({ capacity: 2, loggerInstance: pino(logStream) });
  let base = '';
  before(async () => {
    base = await start(app);
  });
  after(() => app.close());

  test('keeps the last notifications, newest first, and logs each one', async () => {
    const page = payload('page', [alert({ alertname: 'ChittiComputeDown', severity: 'critical', instance: 'compute:9464' })]);
    const ticket = payload('ticket', [
      alert({ alertname: 'ChittiComputeMemoryHigh', severity: 'warning' }),
      alert({ alertname: 'ChittiComputeMemoryHigh', severity: 'warning' }, 'resolved'),
    ]);
    const heartbeat = payload('heartbeat', [alert({ alertname: 'Watchdog', severity: 'info' })]);
    for (const p of [page, ticket, heartbeat]) {
      const res = await post(base, p);
      assert.equal(res.status, 200);
    }
    const res = await fetch(`${base}/alerts`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await res.json()) as { capacity: number; received: number; notifications: { id: number; payload: { receiver: string } }[] };
    assert.equal(body.capacity, 2);
    assert.equal(body.received, 3);
    assert.deepEqual(body.notifications.map((n) => [n.id, n.payload.receiver]), [[3, 'heartbeat'], [2, 'ticket']]);

    const logged = logLines.filter((l) => l.notification !== undefined);
    assert.deepEqual(logged.map((l) => [l.receiver, l.status]), [['page', 'firing'], ['ticket', 'firing'], ['heartbeat', 'firing']]);
    assert.equal(logged[0]!.msg, 'firing notification for page: ChittiComputeDown');
  });

  test('counts notifications and alerts in its metrics', async () => {
    const res = await fetch(`${base}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    const text = await res.text();
    assert.match(text, /^alert_sink_notifications_total\{receiver="page",status="firing"\} 1$/m);
    assert.match(text, /^alert_sink_alerts_total\{alertname="ChittiComputeMemoryHigh",severity="warning",status="resolved"\} 1$/m);
    assert.match(text, /^alert_sink_alerts_total\{alertname="ChittiComputeMemoryHigh",severity="warning",status="firing"\} 1$/m);
    assert.match(text, /^alert_sink_last_notification_timestamp_seconds\{receiver="heartbeat"\} \d+(\.\d+)?$/m);
    assert.match(text, /^alert_sink_stored_notifications 2$/m);
    assert.match(text, /^process_resident_memory_bytes \d+/m);
  });

  test('rejects what is not an Alertmanager v4 payload with problem+json, stores nothing', async () => {
    const before = await (await fetch(`${base}/metrics`)).text();
    const invalidBefore = Number(/^alert_sink_invalid_payloads_total (\d+)$/m.exec(before)?.[1]);
    const good = payload('page', [alert({ alertname: 'X', severity: 'critical' })]);
    const bad: [string, unknown, string?][] = [
      ['not JSON', '{"version": "4", '],
      ['version 3', { ...good, version: '3' }],
      ['no alerts', { ...good, alerts: undefined }],
      ['unknown status', { ...good, status: 'exploded' }],
      ['label value not a string', { ...good, alerts: [{ ...good.alerts[0], labels: { alertname: 1 } }] }],
      ['alert without labels', { ...good, alerts: [{ status: 'firing', startsAt: 'x' }] }],
      ['an array', [good]],
      ['plain text', 'hello', 'text/plain'],
    ];
    for (const [why, body, type] of bad) {
      const res = await post(base, body, type);
      assert.ok(res.status === 400 || res.status === 415, `${why}: ${res.status}`);
      assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/, why);
      const problem = (await res.json()) as { status: number; title: string; detail: string };
      assert.equal(problem.status, res.status, why);
      assert.ok(problem.detail.length > 0, why);
    }
    const after = await (await fetch(`${base}/alerts`)).json() as { received: number };
    assert.equal(after.received, 3);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.equal(Number(/^alert_sink_invalid_payloads_total (\d+)$/m.exec(metrics)?.[1]), invalidBefore + bad.length);
  });

  test('shows an HTML page to browsers, with the alerts escaped', async () => {
    const evil = alert({ alertname: 'Evil', severity: 'warning', job: '<script>alert(1)</script>' });
    assert.equal((await post(base, payload('ticket', [evil]))).status, 200);
    const res = await fetch(`${base}/alerts`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const html = await res.text();
    assert.match(html, /<b>Evil<\/b>/);
    assert.match(html, /job=&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(html, /<script>/);
  });

  test('answers health checks, and unknown paths with a problem', async () => {
    const health = await fetch(`${base}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const missing = await fetch(`${base}/nope`);
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-type') ?? '', /^application\/problem\+json/);
  });
});
