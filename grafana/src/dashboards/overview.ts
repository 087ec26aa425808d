// Service overview: RED (rate, errors, duration), SLOs, connections and alerts.
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as units from '@grafana/grafana-foundation-sdk/units';
import {
  AVAILABILITY_TARGET,
  BURN_RATE_WINDOWS,
  INDICATOR_ROUTE,
  LATENCY_TARGET,
  LATENCY_THRESHOLD_LE,
  SLO_PERIOD,
} from '../provisioning.ts';
import { buildDashboard } from '../dashboard.ts';
import { heatmapPanel, statPanel, timeseriesPanel } from '../panels.ts';
import {
  availabilityBurnRate,
  budgetRemaining,
  clientErrorRatio,
  errorRatio,
  latencyBurnRate,
  quantile,
  rate,
  sel,
  slowRatio,
  sumBy,
} from '../promql.ts';

const REQUESTS = 'chitti_compute_requests_total';
const DURATION = 'chitti_compute_request_duration_seconds';
const INDICATOR = `route="${INDICATOR_ROUTE}"`;
const pct = (x: number) => `${Number((x * 100).toPrecision(6))}%`;
const LATENCY_SLO = `${pct(LATENCY_TARGET)} of the successful ${INDICATOR_ROUTE} requests within ${LATENCY_THRESHOLD_LE} s`;
const AVAILABILITY_SLO = `${pct(AVAILABILITY_TARGET)} of the non-4xx requests answered without a 5xx`;
const FIRING = 'ALERTS{alertstate="firing", job=~"$job"}';

function glance() {
  return [
    statPanel({
      title: 'Request rate',
      description: 'Requests per second over all routes and the selected instances.',
      unit: units.RequestsPerSecond,
      graph: true,
      queries: [{ expr: sumBy([], rate(REQUESTS)) }],
    }),
    statPanel({
      title: '5xx ratio',
      description: 'Share of the non-4xx requests answered with a 5xx (the availability SLI) at dashboard resolution. 0 while no 5xx was ever recorded.',
      unit: units.PercentUnit,
      decimals: 2,
      graph: true,
      queries: [{ expr: errorRatio('$__rate_interval', [], { instance: true }) }],
      thresholds: [{ value: 1 - AVAILABILITY_TARGET, color: 'orange' }, { value: 0.01, color: 'red' }],
    }),
    statPanel({
      title: 'Indicator p99 latency',
      description: `99th percentile latency of ${INDICATOR_ROUTE} requests (all status codes). The latency SLO threshold is ${LATENCY_THRESHOLD_LE} s.`,
      unit: units.Seconds,
      graph: true,
      queries: [{ expr: quantile(0.99, DURATION, [], INDICATOR) }],
      thresholds: [{ value: Number(LATENCY_THRESHOLD_LE) / 2, color: 'orange' }, { value: Number(LATENCY_THRESHOLD_LE), color: 'red' }],
    }),
    statPanel({
      title: 'Targets up',
      description: 'Scrape targets of the job that answered the last scrape, out of all its targets (up == 1 / count).',
      unit: units.Short,
      queries: [
        { expr: sumBy([], sel('up')), legend: 'up', instant: true },
        { expr: `count(${sel('up')})`, legend: 'targets', instant: true },
      ],
    }),
    statPanel({
      title: 'Firing alerts',
      description: 'Alerts of the job firing now, from Prometheus\' ALERTS series. 0 when nothing fires.',
      unit: units.Short,
      queries: [{ expr: `count(${FIRING}) or vector(0)`, instant: true }],
      thresholds: [{ value: 1, color: 'red' }],
    }),
    statPanel({
      title: 'Open connections',
      description: 'Connections open now on the TCP and Unix-socket listeners of the selected instances.',
      unit: units.Short,
      queries: [{ expr: sumBy([], sel('chitti_compute_active_connections')), instant: true }],
    }),
  ];
}

function traffic() {
  return [
    timeseriesPanel({
      title: 'Request rate by route',
      description: 'Requests per second per route (fastify route pattern). Stacked: the top line is the total.',
      unit: units.RequestsPerSecond,
      stack: true,
      queries: [{ expr: sumBy(['route'], rate(REQUESTS)), legend: '{{route}}' }],
    }),
    timeseriesPanel({
      title: 'Request rate by instance',
      description: 'Requests per second per replica (instance label), all routes: how evenly the gateway or the Kubernetes Service spreads the load. In cluster mode (WORKERS > 1) an instance is the whole process group.',
      unit: units.RequestsPerSecond,
      min: 0,
      queries: [{ expr: sumBy(['instance'], rate(REQUESTS)), legend: '{{instance}}' }],
    }),
    timeseriesPanel({
      title: 'Responses by status code',
      description: 'Responses per second per HTTP status code, all routes. 4xx are client mistakes, 5xx count against the availability SLO.',
      unit: units.RequestsPerSecond,
      stack: true,
      queries: [{ expr: sumBy(['status_code'], rate(REQUESTS)), legend: '{{status_code}}' }],
    }),
    timeseriesPanel({
      title: 'Error ratio by route',
      description: '5xx share of the non-4xx requests per route (availability SLI, bad events), and the 4xx share of all requests (client errors, outside the SLO). 0 while no error of a kind exists.',
      unit: units.PercentUnit,
      min: 0,
      queries: [
        { expr: errorRatio('$__rate_interval', ['route'], { instance: true }), legend: '5xx {{route}}' },
        { expr: clientErrorRatio('$__rate_interval', ['route']), legend: '4xx {{route}}' },
      ],
    }),
    timeseriesPanel({
      title: 'Errors by type',
      description: 'Errors per second by chitti_compute_errors_total type (validation, kernel, internal, ...). "none" is a flat 0 shown while no error was ever counted.',
      unit: units.OpsPerSecond,
      min: 0,
      queries: [{
        expr: `${sumBy(['type'], rate('chitti_compute_errors_total'))} or on() label_replace(vector(0), "type", "none", "", "")`,
        legend: '{{type}}',
      }],
    }),
  ];
}

function latency() {
  return [
    timeseriesPanel({
      title: 'Latency quantiles (all routes)',
      description: 'p50, p90 and p99 of the request duration over every route, from the histogram buckets (interpolated within a bucket). Diamonds are exemplars: click one to open its trace.',
      unit: units.Seconds,
      min: 0,
      queries: [0.5, 0.9, 0.99].map((q) => ({ expr: quantile(q, DURATION), legend: `p${q * 100}`, exemplar: q === 0.99 })),
    }),
    timeseriesPanel({
      title: 'p99 latency by route',
      description: `99th percentile request duration per route. The dashed line is the latency SLO threshold (${LATENCY_THRESHOLD_LE} s, indicator route only).`,
      unit: units.Seconds,
      min: 0,
      thresholdLines: true,
      thresholds: [{ value: Number(LATENCY_THRESHOLD_LE), color: 'red' }],
      queries: [{ expr: quantile(0.99, DURATION, ['route']), legend: '{{route}}' }],
    }),
    heatmapPanel({
      title: 'Request duration distribution',
      description: 'Requests per second per duration bucket, all routes: the full latency distribution over time, where quantiles hide bimodal behaviour. Bucket bounds are the histogram\'s `le` labels.',
      unit: units.RequestsPerSecond,
      bucketUnit: units.Seconds,
      queries: [{ expr: sumBy(['le'], rate(`${DURATION}_bucket`)), legend: '{{le}}', format: 'heatmap', exemplar: true }],
    }),
  ];
}

function slos() {
  const [page1h, page6h] = BURN_RATE_WINDOWS;
  const burnLines = BURN_RATE_WINDOWS.map((b) => ({ value: b.pageAt, color: b.window === page1h.window ? 'red' : 'orange' }))
    .sort((a, b) => a.value - b.value);
  const budgetThresholds = [{ value: 0, color: 'orange' }, { value: 0.25, color: 'green' }];
  return [
    statPanel({
      title: `Availability SLI (${SLO_PERIOD})`,
      description: `Share of the non-4xx requests answered without a 5xx over the last ${SLO_PERIOD} (SLO: ${AVAILABILITY_SLO}). Service-wide: ignores the instance filter.`,
      unit: units.PercentUnit,
      decimals: 3,
      width: 6,
      queries: [{ expr: `1 - (${errorRatio(SLO_PERIOD)})`, instant: true }],
      baseColor: 'red',
      thresholds: [{ value: AVAILABILITY_TARGET, color: 'green' }],
    }),
    statPanel({
      title: `Availability error budget left (${SLO_PERIOD})`,
      description: `Share of the ${SLO_PERIOD} availability error budget (${pct(1 - AVAILABILITY_TARGET)} of the non-4xx requests may fail) not yet spent. Negative once overspent.`,
      unit: units.PercentUnit,
      decimals: 1,
      width: 6,
      queries: [{ expr: budgetRemaining(errorRatio(SLO_PERIOD), AVAILABILITY_TARGET), instant: true }],
      baseColor: 'red',
      thresholds: budgetThresholds,
    }),
    statPanel({
      title: `Latency SLI (${SLO_PERIOD})`,
      description: `Share of the successful ${INDICATOR_ROUTE} requests that completed within ${LATENCY_THRESHOLD_LE} s over the last ${SLO_PERIOD} (SLO: ${LATENCY_SLO}). Service-wide.`,
      unit: units.PercentUnit,
      decimals: 3,
      width: 6,
      queries: [{ expr: `1 - (${slowRatio(SLO_PERIOD)})`, instant: true }],
      baseColor: 'red',
      thresholds: [{ value: LATENCY_TARGET, color: 'green' }],
    }),
    statPanel({
      title: `Latency error budget left (${SLO_PERIOD})`,
      description: `Share of the ${SLO_PERIOD} latency error budget (${pct(1 - LATENCY_TARGET)} of the successful indicator requests may be slower than ${LATENCY_THRESHOLD_LE} s) not yet spent. Negative once overspent.`,
      unit: units.PercentUnit,
      decimals: 1,
      width: 6,
      queries: [{ expr: budgetRemaining(slowRatio(SLO_PERIOD), LATENCY_TARGET), instant: true }],
      baseColor: 'red',
      thresholds: budgetThresholds,
    }),
    timeseriesPanel({
      title: 'Availability burn rate',
      description: `How fast the availability error budget burns: 1 spends exactly the budget in ${SLO_PERIOD}. Dashed lines: the paging levels (${page1h.pageAt}x over ${page1h.window}, ${page6h.pageAt}x over ${page6h.window}; the alerts also require the short window).`,
      unit: 'suffix:x',
      min: 0,
      thresholdLines: true,
      thresholds: burnLines,
      queries: BURN_RATE_WINDOWS.map((b) => ({ expr: availabilityBurnRate(b.window), legend: `${b.window} window` })),
    }),
    timeseriesPanel({
      title: 'Latency burn rate',
      description: `How fast the latency error budget burns (${LATENCY_SLO}): 1 spends exactly the budget in ${SLO_PERIOD}. Dashed lines: the paging levels.`,
      unit: 'suffix:x',
      min: 0,
      thresholdLines: true,
      thresholds: burnLines,
      queries: BURN_RATE_WINDOWS.map((b) => ({ expr: latencyBurnRate(b.window), legend: `${b.window} window` })),
    }),
  ];
}

function connectionsAndAlerts() {
  return [
    timeseriesPanel({
      title: 'Active connections by listener',
      description: 'Open connections per listener: tcp (the HTTP port) and unix (the Unix socket used by co-located clients).',
      unit: units.Short,
      min: 0,
      queries: [{ expr: sumBy(['listener'], sel('chitti_compute_active_connections')), legend: '{{listener}}' }],
    }),
    timeseriesPanel({
      title: 'Firing alerts over time',
      description: 'Alerts of the job firing over time, by name and severity (Prometheus\' ALERTS series, alertstate="firing"). A flat 0 named "none firing" when no alert fires.',
      unit: units.Short,
      min: 0,
      queries: [{
        expr: `count by (alertname, severity) (${FIRING}) or on() label_replace(vector(0), "alertname", "none firing", "", "")`,
        legend: '{{alertname}} {{severity}}',
      }],
    }),
  ];
}

export function overviewDashboard(): dashboard.Dashboard {
  return buildDashboard({
    uid: 'chitti-overview',
    title: 'Chitti Compute / Service overview',
    description: 'RED view of the Chitti Compute service: traffic, errors, latency, SLOs and error budgets, connections and alerts.',
    rows: [
      { title: 'At a glance', panels: glance() },
      { title: 'Traffic and errors', panels: traffic() },
      { title: 'Latency', panels: latency() },
      { title: 'SLOs and error budgets', panels: slos() },
      { title: 'Connections and alerts', panels: connectionsAndAlerts() },
    ],
  });
}
