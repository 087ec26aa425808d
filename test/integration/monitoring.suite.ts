// Tests 1-4: the compute image, Prometheus (the repository's rules, 1 s intervals), Alertmanager
// (the repository's configuration) and the alert sink on one network, driven by API traffic.
import assert from 'node:assert/strict';
import { globSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandVariables, panelQueries } from '../../grafana/src/index.ts';
import { BALANCER_ROW } from '../../grafana/src/dashboards/balancer-row.ts';
import { summarizeExposition } from './harness/exposition.ts';
import { openPage } from '../../deploy/stack-pages.ts';
import { eventually, getJson, getText } from './harness/http.ts';
import { loadMetricsReference, metadataNames, sampleNames, type DocumentedFamily } from './harness/metrics-reference.ts';
import { repoRoot } from './harness/paths.ts';
import type { Phase } from './harness/phase.ts';
import { PrometheusApi, type Series } from './harness/prometheus.ts';
import { startMonitoringStack, type MonitoringStack } from './harness/stack.ts';
import { TrafficClient } from './harness/traffic.ts';

const OPENMETRICS = 'application/openmetrics-text; version=1.0.0; charset=utf-8';
/** Labels Prometheus adds or histograms carry, not the service's own. */
const TARGET_LABELS = new Set(['__name__', 'job', 'instance', 'le']);
/** Bound on the service-down notification: `for: 2m` + Alertmanager's 10 s group_wait + margin. */
const SERVICE_DOWN_BOUND_S = 180;

interface SinkNotification { id: number; receivedAt: string; payload: { receiver: string; status: string; alerts: { labels: Record<string, string>; status: string }[] } }

export function monitoringSuite(phase: Phase): void {
  describe('monitoring stack (compute, Prometheus, Alertmanager, alert sink)', () => {
    let stack: MonitoringStack;
    let prom: PrometheusApi;
    let traffic: TrafficClient;
    let trafficStartS = 0;
    let trafficRunning = false;
    let trafficLoop: Promise<void> = Promise.resolve();
    const trafficErrors: string[] = [];
    const reference = loadMetricsReference();

    const stopTraffic = async () => {
      trafficRunning = false;
      await trafficLoop;
    };

    before(async () => {
      phase.sweep();
      const { images } = phase.images();
      const t0 = Date.now();
      stack = await startMonitoringStack(images, phase.cleanup, phase.track);
      prom = new PrometheusApi(stack.prometheusUrl);
      phase.log(`monitoring stack up in ${((Date.now() - t0) / 1000).toFixed(0)} s (compute ${stack.apiUrl}, Prometheus ${stack.prometheusUrl})`);

      // Traffic runs in the background until the service-down test, so rate windows always hold data.
      traffic = new TrafficClient(stack.apiUrl, stack.token);
      trafficStartS = Math.floor(Date.now() / 1000);
      trafficRunning = true;
      trafficLoop = (async () => {
        for (let round = 0; trafficRunning; round++) {
          await traffic.round(round).catch((error: Error) => trafficErrors.push(error.message));
          await sleep(250);
        }
      })();
      phase.cleanup.push('stop traffic', stopTraffic);

      // Ready when Prometheus has scraped answers of every class the traffic produces.
      await eventually(90, async () => {
        const classes = await prom.query('count by (class) (label_replace(chitti_compute_requests_total{job="chitti-compute"}, "class", "${1}xx", "status_code", "(.).."))');
        const seen = classes.result.map((r) => r.metric.class).sort();
        if (!seen.includes('2xx') || !seen.includes('4xx')) throw new Error(`status classes scraped so far: ${seen.join(', ') || 'none'}`);
      });
      phase.log(`traffic scraped after ${Math.floor(Date.now() / 1000) - trafficStartS} s: ${JSON.stringify(Object.fromEntries(traffic.result.byStatus))}`);
    });

    after(async () => {
      await stopTraffic();
      await phase.cleanup.run();
    });

    describe('1. metrics contract', () => {
      it('answers the traffic with the statuses the API documents, never 401 or 5xx', () => {
        const statuses = [...traffic.result.byStatus.keys()].sort();
        assert.deepEqual(trafficErrors, [], 'requests failed at the transport level');
        assert.ok(statuses.includes(200), `statuses ${statuses.join(', ')}`);
        for (const expected of [400, 404, 415, 422]) assert.ok(statuses.includes(expected), `no ${expected} among ${statuses.join(', ')}`);
        assert.ok(!statuses.includes(401), 'the bearer token was refused');
        assert.ok(statuses.every((s) => s < 500), `5xx answers: ${statuses.join(', ')}`);
      });

      it('stores every documented family (prom-client\'s and OpenTelemetry\'s) with its documented type and label names, and no undocumented chitti_compute_* or OpenTelemetry family', async () => {
        assert.ok(reference.filter((f) => f.section === 'service').length >= 8, 'the reference lists the service families');
        assert.ok(reference.filter((f) => f.section === 'otel').length >= 2, 'the reference lists the OpenTelemetry families');
        const metadata = await eventually(30, async () => {
          const md = await prom.metadata();
          const missing = reference.filter((f) => !metadataNames(f).some((n) => md[n]));
          if (missing.length > 0) throw new Error(`no metadata yet for ${missing.map((f) => f.name).join(', ')}`);
          return md;
        });
        const series = await prom.series('{job="chitti-compute", __name__=~"chitti_compute_.*|process_.*|nodejs_.*|http_server_.*|target_info"}', trafficStartS - 60);
        const labelsBySample = new Map<string, Set<string>>();
        for (const s of series) {
          const set = labelsBySample.get(s.__name__!) ?? new Set<string>();
          for (const k of Object.keys(s)) if (!TARGET_LABELS.has(k)) set.add(k);
          labelsBySample.set(s.__name__!, set);
        }

        const problems: string[] = [];
        for (const family of reference) {
          const types = metadataNames(family).flatMap((n) => (metadata[n] ?? []).map((m) => m.type));
          if (!types.includes(family.type)) problems.push(`${family.name}: type ${types.join('/') || 'missing'} in Prometheus, ${family.type} documented`);
          const present = sampleNames(family).filter((n) => labelsBySample.has(n));
          if (present.length === 0) {
            // Runtime families without samples (e.g. no active request of any type) cannot show labels.
            if (family.section !== 'runtime') problems.push(`${family.name}: no series in Prometheus`);
            continue;
          }
          const labels = [...new Set(present.flatMap((n) => [...labelsBySample.get(n)!]))].sort();
          if (labels.join() !== [...family.labels].sort().join()) problems.push(`${family.name}: labels {${labels.join(', ')}} in Prometheus, {${family.labels.join(', ')}} documented`);
        }
        const known = new Set(reference.flatMap((f) => [...sampleNames(f), ...metadataNames(f)]));
        const undocumented = [...new Set([...Object.keys(metadata), ...labelsBySample.keys()])]
          .filter((n) => /^(chitti_compute_|http_server_|target_info)/.test(n) && !known.has(n));
        if (undocumented.length > 0) problems.push(`undocumented chitti_compute_*, http_server_* or target_info families: ${undocumented.join(', ')}`);
        assert.deepEqual(problems, []);
      });

      it('OpenTelemetry\'s http_server_request_duration counts every request prom-client counts, by route template, with target_info from the resource', async () => {
        const job = 'job="chitti-compute"';
        // Both are recorded in the same response hook, so every scrape holds equal totals.
        const diff = await prom.query(`sum(http_server_request_duration_count{${job}}) - sum(chitti_compute_requests_total{${job}})`);
        assert.equal(diff.result.length, 1, 'both families scraped');
        assert.equal(Number(diff.result[0]!.value[1]), 0);
        const byRoute = await prom.query(`sum by (http_route) (http_server_request_duration_count{${job}})`);
        const otelRoutes = byRoute.result.map((r) => r.metric.http_route ?? '').sort();
        const ours = (await prom.query(`sum by (route) (chitti_compute_requests_total{${job}})`)).result.map((r) => (r.metric.route === 'unmatched' ? '' : r.metric.route ?? '')).sort();
        assert.deepEqual(otelRoutes, ours, 'the same route templates (unmatched requests carry no http_route)');
        const info = await prom.query(`target_info{${job}}`);
        assert.equal(info.result.length, 1);
        assert.equal(info.result[0]!.metric.service_name, 'chitti-compute');
        assert.equal(info.result[0]!.metric.telemetry_sdk_name, 'opentelemetry');
      });

      it('serves a /metrics body that passes `promtool check metrics` inside the Prometheus container (text 0.0.4)', async () => {
        const r = await stack.prometheus.exec(['sh', '-c', 'wget -q -O - http://compute:9464/metrics | promtool check metrics']);
        assert.equal(r.exitCode, 0, `promtool check metrics:\n${r.output}`);
      });

      it('declares no family twice, in text 0.0.4 and in OpenMetrics, with the same families in both', async () => {
        const text = await getText(`${stack.adminUrl}/metrics`);
        const om = await getText(`${stack.adminUrl}/metrics`, { accept: OPENMETRICS });
        assert.match(text.contentType, /^text\/plain; version=0\.0\.4/);
        assert.match(om.contentType, /^application\/openmetrics-text; version=1\.0\.0/);
        assert.ok(om.text.trimEnd().endsWith('# EOF'), 'OpenMetrics ends with # EOF');
        const a = summarizeExposition(text.text);
        const b = summarizeExposition(om.text);
        assert.deepEqual(a.problems, [], 'text 0.0.4');
        assert.deepEqual(b.problems, [], 'OpenMetrics');
        // OpenMetrics names counter families without `_total`: compare with that suffix dropped.
        const strip = (names: string[]) => names.map((n) => n.replace(/_total$/, '')).sort();
        assert.deepEqual(strip(b.families), strip(a.families));
        assert.ok(a.samples > 100, `${a.samples} samples`);
      });

      it('is scraped over OpenMetrics by Prometheus (its strict parser) without a scrape error', async () => {
        // promtool check metrics reads only text 0.0.4 (it lints an OpenMetrics body as 0.0.4 and
        // misreads its counter family names), so the OpenMetrics body is validated by Prometheus's own
        // OpenMetrics parser in the scrape: any syntax error fails the scrape and shows here.
        const targets = await prom.targets();
        const compute = targets.filter((t) => t.labels.job === 'chitti-compute');
        assert.equal(compute.length, 1);
        assert.equal(compute[0]!.health, 'up', compute[0]!.lastError);
        assert.equal(compute[0]!.lastError, '');
        const failed = await prom.query('sum(increase(prometheus_target_scrapes_sample_out_of_order_total[5m])) + sum(increase(prometheus_target_scrapes_sample_duplicate_timestamp_total[5m]))');
        assert.equal(Number(failed.result[0]?.value[1] ?? 0), 0, 'duplicate or out-of-order samples in the scrapes');
      });

      it('stores exemplars with the trace_id of traced requests and returns them from /api/v1/query_exemplars', async () => {
        const sent = new Set(traffic.result.traceIds);
        assert.ok(sent.size > 0);
        const found = await eventually(30, async () => {
          const sets = await prom.queryExemplars('chitti_compute_request_duration_seconds_bucket{job="chitti-compute"}', trafficStartS - 60, Math.ceil(Date.now() / 1000) + 5);
          const exemplars = sets.flatMap((s) => s.exemplars.map((e) => ({ series: s.seriesLabels, ...e })));
          const ours = exemplars.filter((e) => sent.has(e.labels.trace_id ?? ''));
          if (ours.length === 0) throw new Error(`${exemplars.length} exemplars, none with a trace id the suite sent`);
          return exemplars;
        });
        for (const e of found) assert.match(e.labels.trace_id ?? '', /^[0-9a-f]{32}$/, JSON.stringify(e));
        assert.ok(found.every((e) => e.series.__name__ === 'chitti_compute_request_duration_seconds_bucket'));
        phase.log(`${found.length} exemplars stored, ${found.filter((e) => sent.has(e.labels.trace_id ?? '')).length} with trace ids the suite sent`);
      });
    });

    describe('2. rules', () => {
      it('loads every recording and alerting rule file, and evaluates every rule without error', async () => {
        const expected = [...globSync('prometheus/rules/*.rules.yml', { cwd: repoRoot }), ...globSync('alerts/*.rules.yml', { cwd: repoRoot })].sort();
        assert.ok(expected.length >= 3, expected.join(', '));
        const expectedGroups = expected.flatMap((file) => {
          const doc = parse(readFileSync(join(repoRoot, file), 'utf8')) as { groups: { name: string; rules: unknown[] }[] };
          return doc.groups.map((g) => ({ file: `/etc/chitti/${file}`, name: g.name, rules: g.rules.length }));
        });
        const groups = await eventually(30, async () => {
          const loaded = await prom.rules();
          const pending = loaded.flatMap((g) => g.rules.filter((r) => r.health !== 'ok').map((r) => `${g.name}/${r.name}: ${r.health} ${r.lastError ?? ''}`));
          if (pending.length > 0) throw new Error(pending.join('; '));
          return loaded;
        });
        assert.deepEqual(
          groups.map((g) => ({ file: g.file, name: g.name, rules: g.rules.length })).sort((x, y) => `${x.file}${x.name}`.localeCompare(`${y.file}${y.name}`)),
          expectedGroups.sort((x, y) => `${x.file}${x.name}`.localeCompare(`${y.file}${y.name}`)),
        );
        // Failures are counted per group; read them only once Prometheus has scraped itself after
        // each group's first evaluation (querying earlier found no series at all: NaN, not 0).
        const evaluatedAt = new Map(groups.map((g) => [`${g.file};${g.name}`, Date.parse(g.lastEvaluation ?? '') / 1000]));
        const failures = await eventually(30, async () => {
          const groupsNow = await prom.rules();
          // Keep each group's first evaluation time: the latest one moves on with every evaluation, and a
          // group evaluated just after each self-scrape would never be seen as scraped since.
          for (const g of groupsNow) {
            const key = `${g.file};${g.name}`;
            if (!(evaluatedAt.get(key)! > 0)) evaluatedAt.set(key, Date.parse(g.lastEvaluation ?? '') / 1000);
          }
          const never = [...evaluatedAt].filter(([, t]) => !(t > 0)).map(([k]) => k);
          if (never.length > 0) throw new Error(`groups not evaluated yet: ${never.join(', ')}`);
          const scraped = await prom.query('timestamp(prometheus_rule_evaluation_failures_total)');
          const at = new Map(scraped.result.map((r) => [r.metric.rule_group ?? '', Number(r.value[1])]));
          const stale = [...evaluatedAt].filter(([k, t]) => !((at.get(k) ?? 0) >= t)).map(([k]) => k);
          if (stale.length > 0) throw new Error(`no failure count scraped after the first evaluation of ${stale.join(', ')}`);
          return prom.query('prometheus_rule_evaluation_failures_total');
        }, 500);
        const failed = failures.result.filter((r) => Number(r.value[1]) !== 0).map((r) => `${r.metric.rule_group}: ${r.value[1]}`);
        assert.equal(failures.result.length, expectedGroups.length, 'a failure count for every group');
        assert.deepEqual(failed, [], 'rule evaluation failures');
      });

      it('passes `promtool test rules` for alerts/ and prometheus/ inside the Prometheus container', async () => {
        const tests = [...globSync('alerts/test/*.test.yml', { cwd: repoRoot }), ...globSync('prometheus/test/*.test.yml', { cwd: repoRoot })].sort();
        assert.ok(tests.some((t) => t.startsWith('alerts/')), 'alert rule tests exist');
        const r = await stack.prometheus.exec(['promtool', 'test', 'rules', ...tests.map((t) => `/etc/chitti/${t}`)]);
        assert.equal(r.exitCode, 0, r.output);
        phase.log(`promtool test rules: ${tests.join(', ')}: SUCCESS`);
      });

      it('validates the repository prometheus/prometheus.yml with `promtool check config` inside the container', async () => {
        const r = await stack.prometheus.exec(['promtool', 'check', 'config', '/etc/chitti/prometheus/prometheus.yml']);
        assert.equal(r.exitCode, 0, r.output);
        assert.match(r.output, /SUCCESS/);
      });
    });

    describe('3. dashboards', () => {
      it('every panel query of every generated dashboard returns data after traffic', async () => {
        // The balancer's row reads HAProxy, which runs in the compose stack only (phase 5 checks it there).
        const queries = panelQueries().filter((q) => q.row !== BALANCER_ROW);
        assert.ok(queries.length > 30, `${queries.length} panel queries`);
        // Grafana's $__rate_interval is max(4 x scrape interval, step + scrape interval): with 1 s
        // scrapes and a 2 s step, 4 s; 15 s leaves a margin without changing what the queries mean.
        const vars = { job: 'chitti-compute', instance: '.*', rateInterval: '15s', interval: '2s', range: '5m' };
        const empty: string[] = [];
        await eventually(45, async () => {
          empty.length = 0;
          const end = Math.floor(Date.now() / 1000);
          for (const q of queries) {
            const expr = expandVariables(q.expr, vars);
            const values = q.instant
              ? (await prom.query(expr)).result.map((r) => r.value[1])
              : (await prom.queryRange(expr, trafficStartS, end, 2)).result.flatMap((r) => r.values.map((v) => v[1]));
            if (!values.some((v) => Number.isFinite(Number(v)))) {
              empty.push(`${q.dashboardUid} / ${q.panel} / ${q.refId}: ${values.length ? 'only NaN/Inf' : 'no data'} for ${expr}`);
            }
          }
          if (empty.length > 0) throw new Error(`${empty.length} of ${queries.length} panel queries without data:\n  ${empty.join('\n  ')}`);
        }, 5000);
        phase.log(`${queries.length} panel queries of ${new Set(queries.map((q) => q.dashboardUid)).size} dashboards all return data`);
      });
    });

    describe('4. notifications', () => {
      const sinkNotifications = async () => (await getJson<{ notifications: SinkNotification[] }>(`${stack.sinkUrl}/alerts`, { headers: { accept: 'application/json' } })).notifications;
      const carrying = (list: SinkNotification[], alertname: string, status: string) =>
        list.filter((n) => n.payload.status === status && n.payload.alerts.some((a) => a.labels.alertname === alertname && a.status === status));

      let watchdog: SinkNotification | undefined;
      it('delivers the Watchdog notification to the alert sink (heartbeat receiver)', async () => {
        // `for: 1m` from Prometheus's start (alerts/monitoring.rules.yml), then group_wait 0s.
        const found = await eventually(120, async () => {
          const hits = carrying(await sinkNotifications(), 'Watchdog', 'firing');
          if (hits.length === 0) throw new Error('no Watchdog notification at the sink yet');
          return hits;
        });
        assert.equal(found[0]!.payload.receiver, 'heartbeat');
        watchdog = found[0];
      });

      it('Prometheus dropped no notification since its start (prometheus_notifications_dropped_total 0)', async () => {
        const metrics = (await getText(`${stack.prometheusUrl}/metrics`)).text;
        const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1]);
        assert.equal(value('prometheus_notifications_dropped_total'), 0, 'notifications dropped');
        assert.ok(value('prometheus_notifications_sent_total') > 0, 'notifications sent');
      });

      it('the links of a notification open working pages: its source (Prometheus), its runbook, Alertmanager, the dashboards', async () => {
        const alert = watchdog?.payload.alerts.find((a) => a.labels.alertname === 'Watchdog') as (SinkNotification['payload']['alerts'][number] & { generatorURL?: string; annotations?: Record<string, string> }) | undefined;
        assert.ok(alert?.generatorURL, 'the Watchdog notification carries a generator URL');
        // Prometheus runs without --web.external-url here: the URL names the container; open it through the mapped port.
        const source = await openPage(alert.generatorURL.replace(/^http:\/\/[^/]+/, stack.prometheusUrl));
        assert.match(new URL(alert.generatorURL).pathname, /\/graph$/);
        const runbookUrl = alert.annotations?.runbook_url ?? '';
        assert.equal(runbookUrl, 'http://127.0.0.1:9095/runbooks#watchdog', 'the default runbook base: the alert sink');
        const runbooks = (await getText(`${stack.sinkUrl}/runbooks`)).text;
        const ids = new Set([...runbooks.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
        const rules = (await prom.rules()).flatMap((g) => g.rules).filter((r) => r.type === 'alerting').map((r) => r.name.toLowerCase());
        assert.deepEqual([...new Set(rules)].filter((a) => !ids.has(a)), [], 'alerts without a runbook section in the image\'s /runbooks');
        const alertmanager = await openPage(`${stack.alertmanagerUrl}/`);
        const dashboards = await openPage(`${stack.sinkUrl}/dashboards/chitti-overview`);
        phase.log(`pages: source ${source}, runbooks ${ids.size} anchors, Alertmanager ${alertmanager}, dashboards ${dashboards}`);
      });

      it(`fires ChittiComputeDown when compute stops, and its page reaches the sink within ${SERVICE_DOWN_BOUND_S} s`, { timeout: (SERVICE_DOWN_BOUND_S + 60) * 1000 }, async () => {
        assert.equal(carrying(await sinkNotifications(), 'ChittiComputeDown', 'firing').length, 0, 'ChittiComputeDown before the stop');
        await stopTraffic();
        const stoppedAt = Date.now();
        await stack.stopCompute();
        phase.log('compute stopped; waiting for ChittiComputeDown (the real rule: for 2m)');
        let pendingSeen = false;
        const page = await eventually(SERVICE_DOWN_BOUND_S, async () => {
          const alerts = await prom.alerts();
          pendingSeen ||= alerts.some((a) => a.labels.alertname === 'ChittiComputeDown' && a.state === 'pending');
          const hits = carrying(await sinkNotifications(), 'ChittiComputeDown', 'firing');
          if (hits.length === 0) throw new Error(`no ChittiComputeDown notification yet (Prometheus: ${alerts.map((a) => `${a.labels.alertname}=${a.state}`).join(', ')})`);
          return hits[0]!;
        }, 2000);
        const seconds = (Date.now() - stoppedAt) / 1000;
        phase.log(`ChittiComputeDown page at the sink ${seconds.toFixed(0)} s after the stop`);
        assert.equal(page.payload.receiver, 'page');
        const alert = page.payload.alerts.find((a) => a.labels.alertname === 'ChittiComputeDown')!;
        assert.equal(alert.labels.severity, 'critical');
        assert.equal(alert.labels.job, 'chitti-compute');
        assert.ok(pendingSeen, 'the alert was pending before it fired');
        // `for: 2m` is honoured: no page before two minutes of failed scrapes.
        assert.ok(seconds >= 120, `paged after ${seconds.toFixed(0)} s, before the rule's for: 2m`);
      });
    });
  });
}

export type { DocumentedFamily, Series };
