// Every panel query parses with Prometheus' PromQL grammar (@prometheus-io/lezer-promql) once
// Grafana's variables are replaced, and follows the dashboards' conventions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { monitoring } from '../../monitoring/src/chitti-monitoring.ts';
import { SLO_ROW_PREFIX, fixedWindows } from '../src/dashboards/slo-rows.ts';
import { BALANCER_JOB, BALANCER_ROW } from '../src/dashboards/balancer-row.ts';
import { OTEL_ROW } from '../src/dashboards/otel-row.ts';
import { OTEL_DURATION_FAMILY } from '../../services/compute/src/otel-metrics.ts';
import { dashboards, expandVariables, panelQueries } from '../src/index.ts';
import { functions, parse, rateWindows, vectorSelectors } from './promql.ts';

// Values no query uses literally, so they can be recognised after substitution.
const RATE_SENTINEL = '7m13s';
const JOB_SENTINEL = 'job-sentinel';
const INSTANCE_SENTINEL = 'instance-sentinel';

const queries = panelQueries();
const FIXED_WINDOWS = fixedWindows(monitoring);
const inSloRow = (q: (typeof queries)[number]) => q.row.startsWith(SLO_ROW_PREFIX);
const where = (q: (typeof queries)[number]) => `${q.dashboard} / ${q.panel} / ${q.refId}: ${q.expr}`;
const expand = (expr: string) => expandVariables(expr, { job: JOB_SENTINEL, instance: INSTANCE_SENTINEL, rateInterval: RATE_SENTINEL });

test('panelQueries lists every target of every panel', () => {
  let targets = 0;
  for (const { dashboard } of dashboards()) {
    for (const p of dashboard.panels ?? []) targets += ('targets' in p ? p.targets?.length : 0) ?? 0;
  }
  assert.equal(queries.length, targets);
  assert.ok(queries.length >= 40, `only ${queries.length} queries`);
  for (const q of queries) assert.ok(q.expr && q.panel && q.dashboard && q.refId, where(q));
});

test('sentinels do not occur in the queries', () => {
  for (const q of queries) {
    for (const s of [RATE_SENTINEL, JOB_SENTINEL, INSTANCE_SENTINEL]) assert.ok(!q.expr.includes(s), where(q));
  }
});

test('every query parses without error nodes', () => {
  for (const q of queries) {
    const p = parse(expandVariables(q.expr));
    assert.deepEqual(p.errors, [], where(q));
  }
});

test('the parse check does catch broken PromQL', () => {
  for (const bad of ['rate(x[5m]', 'sum by (le (x)', 'x{a="b}', 'histogram_quantil(0.9, x)', 'rate(x[$__rate_interval])', 'x +']) {
    assert.notDeepEqual(parse(bad).errors, [], bad);
  }
});

test('rate(), irate() and increase() use $__rate_interval; fixed windows only in the SLO rows', () => {
  for (const q of queries) {
    const windows = rateWindows(parse(expand(q.expr)));
    for (const { fn, window } of windows) {
      assert.ok(window !== null, `${fn} over a non-range argument in ${where(q)}`);
      if (window === RATE_SENTINEL) continue;
      assert.ok(FIXED_WINDOWS.includes(window), `${fn}[${window}] in ${where(q)}`);
      assert.ok(inSloRow(q), `fixed window ${window} outside the SLO rows: ${where(q)}`);
    }
  }
});

test('every selector filters by the job variable, and by instance outside the SLO and alert panels', () => {
  for (const q of queries) {
    const p = parse(expand(q.expr));
    const selectors = vectorSelectors(p);
    assert.ok(selectors.length > 0, where(q));
    for (const s of selectors) {
      // The balancer's row reads HAProxy's own job, not the service's.
      if (q.row === BALANCER_ROW) {
        assert.ok(s.includes(`job="${BALANCER_JOB}"`), `${s} in ${where(q)}`);
        continue;
      }
      assert.ok(s.includes(`job=~"${JOB_SENTINEL}"`), `${s} in ${where(q)}`);
      const serviceWide = inSloRow(q) || s.startsWith('ALERTS{');
      if (!serviceWide) assert.ok(s.includes(`instance=~"${INSTANCE_SENTINEL}"`), `${s} in ${where(q)}`);
    }
  }
});

test('queries read raw metrics of the service, the runtime, up and ALERTS only (OpenTelemetry\'s names in the OpenTelemetry row)', () => {
  const allowed = /^(chitti_compute_[a-z_]+|process_[a-z_]+|nodejs_[a-z0-9_]+|up|ALERTS)\{/;
  const otel = new RegExp(`^${OTEL_DURATION_FAMILY}_(bucket|count)\\{`);
  for (const q of queries) {
    for (const s of vectorSelectors(parse(expand(q.expr)))) assert.match(s, q.row === BALANCER_ROW ? /^haproxy_[a-z_]+\{/ : q.row === OTEL_ROW ? otel : allowed, where(q));
  }
});

test('histogram_quantile reads _bucket series aggregated by le', () => {
  for (const q of queries) {
    if (!functions(parse(expandVariables(q.expr))).includes('histogram_quantile')) continue;
    assert.match(q.expr, /histogram_quantile\(0\.\d+, sum by \(le[,)].*_bucket\{/, where(q));
  }
});

test('expandVariables replaces Grafana variables and rejects unknown ones', () => {
  assert.equal(
    expandVariables('rate(x{job=~"$job",instance=~"${instance}"}[$__rate_interval]) * $__range_s', { range: '2h' }),
    'rate(x{job=~"chitti-compute",instance=~".*"}[1m]) * 7200',
  );
  assert.throws(() => expandVariables('x{a="$nope"}'), /unknown variable \$nope/);
});
