// A change to the config reaches every artefact: recording rules, alerts, dashboards and the
// Kubernetes manifests made from them, and nothing of the old value is left behind.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { artefacts } from '../src/artefacts.ts';
import { monitoring } from '../src/chitti-monitoring.ts';
import { ALERT_FILE, RECORDING_FILE } from '../src/rule-files.ts';
import type { MonitoringConfig, Slo } from '../src/types.ts';

const OVERVIEW = 'grafana/dashboards/chitti-overview.json';
const K8S_RULES = 'deploy/k8s/base/prometheusrules.yaml';
const K8S_DASHBOARDS = 'deploy/k8s/base/grafana-dashboards.yaml';

const withSlo = (id: string, change: Partial<Slo>): MonitoringConfig => ({
  ...monitoring,
  slos: monitoring.slos.map((s) => (s.id === id ? ({ ...s, ...change } as Slo) : s)),
});

type Rule = { alert?: string; record?: string; expr: string; labels?: Record<string, string>; annotations?: Record<string, string> };
type Groups = { groups: { name: string; rules: Rule[] }[] };
type Panel = { type: string; title: string; targets?: { expr: string }[]; fieldConfig?: { defaults?: { thresholds?: { steps: { value: number | null }[] } } } };

const burnAlerts = (text: string, slo: string) =>
  (parse(text) as Groups).groups.flatMap((g) => g.rules).filter((r) => r.alert && r.labels?.slo === slo);
const thresholdsOf = (rules: Rule[]) => rules.map((r) => Number(/> ([0-9.e-]+)\n/.exec(r.expr)?.[1]));
const panels = (json: string) => (JSON.parse(json) as { panels: Panel[] }).panels;
const k8sGroups = (text: string, name: string) =>
  (parseAllDocuments(text).map((d) => d.toJS()) as { metadata: { name: string }; spec: Groups }[]).find((o) => o.metadata.name === name)?.spec.groups;
const configMapDashboard = (text: string, file: string) =>
  (parseAllDocuments(text).map((d) => d.toJS()) as { data: Record<string, string> }[]).find((o) => file in o.data)?.data[file];

const before = artefacts(monitoring);

test('the availability target: alert thresholds and texts, dashboard panels and both Kubernetes manifests follow', () => {
  const after = artefacts(withSlo('availability', { target: 0.995 }));
  const changed = [...after.keys()].filter((p) => after.get(p) !== before.get(p)).sort();
  assert.deepEqual(changed, [ALERT_FILE, K8S_DASHBOARDS, K8S_RULES, OVERVIEW, RECORDING_FILE].sort());
  // The SLI recording rules do not depend on the target: only the comment stating the SLO moves.
  assert.deepEqual(parse(after.get(RECORDING_FILE)!), parse(before.get(RECORDING_FILE)!));
  assert.match(after.get(RECORDING_FILE)!, /# SLO: 99\.5% of the non-4xx requests/);

  const alerts = burnAlerts(after.get(ALERT_FILE)!, 'availability');
  assert.deepEqual(thresholdsOf(alerts), monitoring.windows.map((w) => Number((w.factor * 0.005).toPrecision(12))));
  assert.deepEqual(thresholdsOf(burnAlerts(before.get(ALERT_FILE)!, 'availability')), monitoring.windows.map((w) => Number((w.factor * 0.001).toPrecision(12))));
  for (const a of alerts) assert.match(a.annotations?.description ?? '', /the 99\.5% availability SLO allows\.$/);
  // The latency SLOs' alerts did not move.
  assert.deepEqual(burnAlerts(after.get(ALERT_FILE)!, 'latency-small'), burnAlerts(before.get(ALERT_FILE)!, 'latency-small'));

  const ps = panels(after.get(OVERVIEW)!);
  const sli = ps.find((p) => p.title === 'Availability SLI (30d)');
  assert.deepEqual(sli?.fieldConfig?.defaults?.thresholds?.steps.map((s) => s.value), [null, 0.995]);
  for (const title of ['Availability error budget left (30d)', 'Availability burn rate']) {
    const exprs = ps.find((p) => p.title === title)?.targets?.map((t) => t.expr) ?? [];
    assert.ok(exprs.length > 0 && exprs.every((e) => e.endsWith(' / 0.005')), `${title}: ${exprs.join(' | ')}`);
  }
  assert.doesNotMatch(after.get(OVERVIEW)!, /99\.9%/);

  const alertFile = parse(after.get(ALERT_FILE)!) as Groups;
  assert.deepEqual(k8sGroups(after.get(K8S_RULES)!, 'chitti-compute-alerts'), alertFile.groups);
  assert.equal(configMapDashboard(after.get(K8S_DASHBOARDS)!, 'chitti-overview.json'), after.get(OVERVIEW));
});

test('a latency threshold: the SLI recording rules read the new bucket, the alerts say it, the dashboards draw it', () => {
  const after = artefacts(withSlo('latency-small', { thresholdLe: '0.25' }));
  const changed = [...after.keys()].filter((p) => after.get(p) !== before.get(p)).sort();
  assert.deepEqual(changed, [ALERT_FILE, K8S_DASHBOARDS, K8S_RULES, OVERVIEW, RECORDING_FILE].sort());

  const small = (parse(after.get(RECORDING_FILE)!) as Groups).groups.find((g) => g.name === 'chitti-compute.slo-latency-small');
  assert.ok(small && small.rules.length === 7);
  for (const r of small.rules) {
    assert.match(r.expr, /size="small",le="0\.25"/);
    assert.doesNotMatch(r.expr, /le="0\.1"/);
  }
  for (const a of burnAlerts(after.get(ALERT_FILE)!, 'latency-small')) assert.match(a.annotations?.description ?? '', /took longer than 0\.25 s/);
  const recording = parse(after.get(RECORDING_FILE)!) as Groups;
  assert.deepEqual(k8sGroups(after.get(K8S_RULES)!, 'chitti-compute-recording'), recording.groups);
  const sli = panels(after.get(OVERVIEW)!).find((p) => p.title === 'Small-request latency SLI (30d)');
  assert.match(sli?.targets?.[0]?.expr ?? '', /le="0\.25"/);
});

test('a burn-rate window: every SLO gets the new pair, recorded, alerted on and drawn', () => {
  const windows = monitoring.windows.map((w, i) => (i === 0 ? { ...w, long: '2h' as const, short: '10m' as const, factor: 7.2 } : w));
  const after = artefacts({ ...monitoring, windows });
  const recording = parse(after.get(RECORDING_FILE)!) as Groups;
  for (const slo of monitoring.slos) {
    const group = recording.groups.find((g) => g.name === `chitti-compute.slo-${slo.id}`);
    assert.ok(group?.rules.some((r) => r.record?.endsWith('_rate10m')), `${slo.id}: 10m SLI recorded`);
    assert.ok(!group?.rules.some((r) => r.record?.endsWith('_rate1h')), `${slo.id}: 1h no longer recorded`);
    const pair = burnAlerts(after.get(ALERT_FILE)!, slo.id).find((a) => a.labels?.long_window === '2h');
    assert.ok(pair && pair.labels?.short_window === '10m', slo.id);
    assert.ok(pair.expr.includes('_rate2h') && pair.expr.includes('_rate10m'), pair.expr);
  }
  const burn = panels(after.get(OVERVIEW)!).find((p) => p.title === 'Availability burn rate');
  assert.ok(burn?.targets?.some((t) => t.expr.includes('[2h]')));
  assert.deepEqual(burn?.fieldConfig?.defaults?.thresholds?.steps.map((s) => s.value), [null, 6, 7.2]);
});
