// A real Alertmanager with alertmanager/alertmanager.yml (webhook URL and group waits shortened)
// delivering to the real alert sink on loopback: routing, inhibition and the payload format.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from '../../services/alert-sink/src/app.ts';
import { binary, notRunReason, repoRoot } from './tools.ts';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

describe('Alertmanager to the alert sink', { skip: notRunReason('alerts/alertmanager-e2e', ['alertmanager']) }, () => {
  const sink = buildApp();
  const dir = mkdtempSync(join(tmpdir(), 'chitti-am-'));
  let am: ReturnType<typeof spawn> | undefined;
  let amUrl = '';
  let sinkUrl = '';

  before(async () => {
    await sink.listen({ port: 0, host: '127.0.0.1' });
    sinkUrl = `http://127.0.0.1:${(sink.server.address() as { port: number }).port}`;
    const config = readFileSync(join(repoRoot, 'alertmanager/alertmanager.yml'), 'utf8')
      .replaceAll('http://alert-sink:9095/webhook', `${sinkUrl}/webhook`)
      .replace(/group_wait: \d+s/g, 'group_wait: 1s');
    writeFileSync(join(dir, 'alertmanager.yml'), config);
    const port = await freePort();
    amUrl = `http://127.0.0.1:${port}`;
    am = spawn(binary('alertmanager'), [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${dir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await fetch(`${amUrl}/-/ready`).then((r) => r.ok, () => false)) return;
      await sleep(100);
    }
    throw new Error('Alertmanager did not become ready in 10 s');
  });

  after(async () => {
    am?.kill('SIGTERM');
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('Alertmanager routes by severity, inhibits the ticket behind its page, and the sink accepts its payloads', async () => {
    const alert = (labels: Record<string, string>) => ({ labels, annotations: { summary: 'Test.', description: `test of ${labels.alertname}` } });
    const res = await fetch(`${amUrl}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        alert({ alertname: 'ChittiComputeAvailabilityBudgetBurn', job: 'chitti-compute', severity: 'critical', long_window: '1h' }),
        alert({ alertname: 'ChittiComputeAvailabilityBudgetBurn', job: 'chitti-compute', severity: 'warning', long_window: '3d' }),
        alert({ alertname: 'ChittiComputeMemoryHigh', job: 'chitti-compute', instance: 'compute:9464', severity: 'warning' }),
        alert({ alertname: 'ChittiComputeSpeedupRegressed', job: 'chitti-compute', instance: 'compute:9464', severity: 'info', indicator: 'sma' }),
        alert({ alertname: 'Watchdog', severity: 'info' }),
      ]),
    });
    assert.equal(res.status, 200);

    type Listing = { notifications: { payload: { receiver: string; alerts: { labels: Record<string, string> }[] } }[] };
    let seen: Listing['notifications'] = [];
    for (let i = 0; i < 150 && seen.length < 4; i++) {
      await sleep(100);
      seen = ((await (await fetch(`${sinkUrl}/alerts`)).json()) as Listing).notifications;
    }
    await sleep(1500); // anything inhibited would have arrived by now too
    seen = ((await (await fetch(`${sinkUrl}/alerts`)).json()) as Listing).notifications;
    const delivered = seen
      .flatMap((n) => n.payload.alerts.map((a) => `${n.payload.receiver}: ${a.labels.alertname} ${a.labels.severity}`))
      .sort();
    assert.deepEqual(delivered, [
      'heartbeat: Watchdog info',
      'info: ChittiComputeSpeedupRegressed info',
      'page: ChittiComputeAvailabilityBudgetBurn critical',
      'ticket: ChittiComputeMemoryHigh warning',
    ]);
    const metrics = await (await fetch(`${sinkUrl}/metrics`)).text();
    assert.match(metrics, /^alert_sink_invalid_payloads_total 0$/m);
  });
});
