import assert from 'node:assert/strict';
import { test } from 'node:test';
import { notRunReason, run } from './tools.ts';

const skip = notRunReason('alerts/amtool', ['amtool']);

const config = 'alertmanager/alertmanager.yml';

test('amtool check-config accepts the Alertmanager configuration', { skip }, () => {
  const res = run('amtool', ['check-config', config]);
  assert.equal(res.status, 0, res.output);
  assert.match(res.output, /SUCCESS/);
  assert.match(res.output, /2 inhibit rules/);
});

// Which receiver an alert with these labels reaches (amtool walks the routing tree offline).
function receiverFor(labels: Record<string, string>): string {
  const args = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  const res = run('amtool', ['config', 'routes', 'test', `--config.file=${config}`, ...args]);
  assert.equal(res.status, 0, res.output);
  return res.stdout.trim();
}

test('alerts are routed by severity, the Watchdog to the heartbeat receiver', { skip }, () => {
  const cases: [Record<string, string>, string][] = [
    [{ alertname: 'ChittiComputeDown', job: 'chitti-compute', severity: 'critical' }, 'page'],
    [{ alertname: 'ChittiComputeAvailabilityBudgetBurn', job: 'chitti-compute', severity: 'critical', long_window: '1h' }, 'page'],
    [{ alertname: 'ChittiComputeAvailabilityBudgetBurn', job: 'chitti-compute', severity: 'warning', long_window: '3d' }, 'ticket'],
    [{ alertname: 'ChittiComputeSpeedupRegressed', job: 'chitti-compute', severity: 'info' }, 'info'],
    [{ alertname: 'Watchdog', severity: 'info' }, 'heartbeat'],
    // No severity (a rule someone added without one) still reaches a human, as a ticket.
    [{ alertname: 'SomethingNew', job: 'chitti-compute' }, 'ticket'],
  ];
  for (const [labels, receiver] of cases) {
    assert.equal(receiverFor(labels), receiver, JSON.stringify(labels));
  }
});
