// Conventions every rule must follow (monitoring-mixins guidelines), checked on the rule files
// themselves; promtool checks syntax and behaviour, this checks what promtool does not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { monitoring } from '../../monitoring/src/chitti-monitoring.ts';
import { threshold } from '../../monitoring/src/sli.ts';
import { githubAnchor } from '../../services/alert-sink/src/runbooks.ts';
import { repoRoot, ruleFiles, ruleTestFiles } from './tools.ts';

/**
 * Where the runbook links point unless Prometheus's external label `runbook_base_url` says otherwise:
 * the alert sink of the demo stack renders alerts/runbooks.md there (nothing outside the bundle).
 */
const DEFAULT_RUNBOOK_BASE = 'http://127.0.0.1:9095/runbooks';
/** The runbook_url annotation of the alert whose runbook section has this anchor. */
const runbookUrlTemplate = (anchor: string): string => `{{ or $externalLabels.runbook_base_url "${DEFAULT_RUNBOOK_BASE}" }}#${anchor}`;

test('the monitoring config points runbooks at the alert sink of the demo stack', () => {
  assert.equal(monitoring.runbookBaseUrl, DEFAULT_RUNBOOK_BASE);
});

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const read = (file: string): string => readFileSync(join(repoRoot, file), 'utf8');
const rules: (Rule & { file: string })[] = ruleFiles().flatMap((file) =>
  (parse(read(file)) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules.map((r) => ({ ...r, file }))),
);
const alerts = rules.filter((r) => r.alert !== undefined);
const records = rules.filter((r) => r.record !== undefined);

const runbookAnchors = new Set(
  read('alerts/runbooks.md')
    .split('\n')
    .filter((line) => /^#{1,6}\s/.test(line))
    .map((line) => githubAnchor(line.replace(/^#+\s*/, ''))),
);

interface RuleTest {
  alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[];
  promql_expr_test?: { expr: string }[];
}
const unitTests: RuleTest[] = ruleTestFiles().flatMap((file) => (parse(read(file)) as { tests: RuleTest[] }).tests);

test('the rule files hold alerts and recording rules', () => {
  assert.ok(alerts.length >= 15, `${alerts.length} alerts`);
  assert.ok(records.length >= 20, `${records.length} recording rules`);
});

test('githubAnchor follows GitHub', () => {
  assert.equal(githubAnchor('ChittiComputeDown'), 'chitticomputedown');
  assert.equal(githubAnchor('What to look at first'), 'what-to-look-at-first');
  assert.equal(githubAnchor('Latency SLO (0.25 s)'), 'latency-slo-025-s');
});

for (const rule of alerts) {
  const name = rule.alert!;
  test(`alert ${name} (${rule.labels?.severity}${rule.labels?.long_window ? `, ${rule.labels.long_window}` : ''}) follows the conventions`, () => {
    assert.match(name, /^([A-Z][a-z0-9]+)+$/, 'alert names are CamelCase');
    assert.ok(['critical', 'warning', 'info'].includes(rule.labels?.severity ?? ''), `severity ${rule.labels?.severity}`);
    const { summary, description, runbook_url: runbook, ...others } = rule.annotations ?? {};
    assert.deepEqual(Object.keys(others), [], 'only summary, description and runbook_url');
    assert.ok(summary, 'summary is mandatory');
    assert.match(summary, /^[A-Z].*\.$/, 'the summary is a sentence');
    assert.doesNotMatch(summary, /\{\{/, 'the summary is shared by a grouped notification: no templating');
    assert.ok(description, 'description is mandatory');
    assert.match(description, /\{\{.+\}\}/, 'the description is templated');
    assert.equal(runbook, runbookUrlTemplate(name.toLowerCase()), 'runbook_url points at the alert\'s own runbook section, under a configurable base');
    assert.ok(runbookAnchors.has(name.toLowerCase()), `alerts/runbooks.md has a "## ${name}" section`);
  });
}

test('no alert can fire at the first evaluation after a start, when Prometheus drops notifications (no Alertmanager discovered yet)', () => {
  // An alert without `for` fires as soon as its expression holds. One that holds without any scraped
  // series (vector(), absent()) holds at the very first evaluation, before Prometheus has discovered
  // an Alertmanager, and that notification is dropped; the others need scraped history first.
  const holdsWithoutData = alerts.filter((r) => /\b(vector|absent)\(/.test(r.expr));
  assert.ok(holdsWithoutData.some((r) => r.alert === 'Watchdog'));
  for (const r of holdsWithoutData) assert.ok(r.for && !/^0+[smh]?$/.test(r.for), `${r.alert} holds without data and has no for:`);
});

test('burn-rate alerts read the windows their labels name', () => {
  const burn = alerts.filter((r) => r.labels?.long_window);
  assert.equal(burn.length, 12, 'four window pairs for each of the three SLOs (availability, small- and large-request latency)');
  for (const r of burn) {
    const { long_window: long, short_window: short, slo: id } = r.labels!;
    assert.match(r.expr, new RegExp(`_rate${long}\\b`), `${r.alert} ${long}`);
    assert.match(r.expr, new RegExp(`_rate${short}\\b`), `${r.alert} ${short}`);
    const thresholds = [...r.expr.matchAll(/> ([0-9.]+)/g)].map((m) => m[1]);
    assert.equal(new Set(thresholds).size, 1, `${r.alert} ${long}: both windows share one threshold`);
    const slo = monitoring.slos.find((s) => s.id === id);
    const window = monitoring.windows.find((w) => w.long === long && w.short === short);
    assert.ok(slo && window, `${r.alert} ${long}: slo ${id} and its windows are in the config`);
    assert.equal(Number(thresholds[0]), threshold(slo, window), `${r.alert} ${id} ${long}: factor x (1 - target)`);
  }
});

test('every runbook section belongs to an alert', () => {
  const names = new Set(alerts.map((r) => r.alert!.toLowerCase()));
  const sections = read('alerts/runbooks.md').split('\n').filter((l) => /^## /.test(l)).map((l) => githubAnchor(l.slice(3)));
  for (const s of sections) assert.ok(names.has(s), `runbook section ${s} has no alert`);
});

test('every alert is unit-tested firing and not firing', () => {
  for (const name of new Set(alerts.map((r) => r.alert!))) {
    const cases = unitTests.flatMap((t) => t.alert_rule_test ?? []).filter((c) => c.alertname === name);
    assert.ok(cases.some((c) => (c.exp_alerts ?? []).length > 0), `${name} is never tested firing`);
    assert.ok(cases.some((c) => (c.exp_alerts ?? []).length === 0), `${name} is never tested silent`);
  }
});

test('every recording rule is unit-tested', () => {
  const exprs = unitTests.flatMap((t) => t.promql_expr_test ?? []).map((c) => c.expr);
  for (const name of new Set(records.map((r) => r.record!))) {
    assert.match(name, /^[a-z][a-z0-9_]*:[a-z][a-z0-9_]*:[a-z][a-z0-9_]*$/, `${name} is level:metric:operations`);
    const used = new RegExp(`(^|[^a-z0-9_:])${name.replaceAll(':', '\\:')}($|[^a-z0-9_:])`);
    assert.ok(exprs.some((e) => used.test(e)), `${name} appears in no promql_expr_test`);
  }
});
