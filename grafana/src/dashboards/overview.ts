// Service overview: RED (rate, errors, duration), SLOs, connections and alerts.
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as units from '@grafana/grafana-foundation-sdk/units';
import type { LatencySlo, MonitoringConfig } from '../../../monitoring/src/types.ts';
import { buildDashboard } from '../dashboard.ts';
import { BALANCER_ROW, balancerPanels } from './balancer-row.ts';
import { OTEL_ROW, otelPanels } from './otel-row.ts';
import { heatmapPanel, statPanel, timeseriesPanel } from '../panels.ts';
import { clientErrorRatio, errorRatio, quantile, rate, sel, sumBy } from '../promql.ts';
import { sloRows } from './slo-rows.ts';

const REQUESTS = 'chitti_compute_requests_total';
const DURATION = 'chitti_compute_request_duration_seconds';
const INDICATOR = 'route="/v1/indicators/:id"';
const FIRING = 'ALERTS{alertstate="firing", job=~"$job"}';

function glance(config: MonitoringConfig) {
  const availability = config.slos.find((s) => s.kind === 'availability');
  const small = latencySlos(config)[0];
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
      thresholds: [{ value: availability ? Number((1 - availability.target).toPrecision(12)) : 0.001, color: 'orange' }, { value: 0.01, color: 'red' }],
    }),
    statPanel({
      title: 'Small-request p99 latency',
      description: `99th percentile latency of the small requests (size="small": body under 256 KiB) to the indicator route (all status codes).${small ? ` Their latency SLO threshold is ${small.thresholdLe} s.` : ''}`,
      unit: units.Seconds,
      graph: true,
      queries: [{ expr: quantile(0.99, DURATION, [], `${INDICATOR}, size="small"`) }],
      thresholds: small ? [{ value: Number(small.thresholdLe) / 2, color: 'orange' }, { value: Number(small.thresholdLe), color: 'red' }] : [],
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
      description: 'Requests per second per replica (instance label), all routes: how evenly the balancer (HAProxy) or the Kubernetes Service spreads the load. In cluster mode (WORKERS > 1) an instance is the whole process group.',
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

function latency(config: MonitoringConfig) {
  const lines = latencySlos(config).map((l) => ({ value: Number(l.thresholdLe), color: 'red' })).sort((a, b) => a.value - b.value);
  return [
    timeseriesPanel({
      title: 'Latency quantiles (all routes)',
      description: 'p50, p90 and p99 of the request duration over every route, from the histogram buckets (interpolated within a bucket). Diamonds are exemplars: click one to open its trace.',
      unit: units.Seconds,
      min: 0,
      queries: [0.5, 0.9, 0.99].map((q) => ({ expr: quantile(q, DURATION), legend: `p${q * 100}`, exemplar: q === 0.99 })),
    }),
    timeseriesPanel({
      title: 'p99 latency by route and size',
      description: `99th percentile request duration per route and size class (size="small" or "large", at 256 KiB of body). The dashed lines are the latency SLO thresholds (${latencySlos(config).map((l) => `${l.title}: ${l.thresholdLe} s`).join(', ')}).`,
      unit: units.Seconds,
      min: 0,
      thresholdLines: true,
      thresholds: lines,
      queries: [{ expr: quantile(0.99, DURATION, ['route', 'size']), legend: '{{route}} {{size}}' }],
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

function latencySlos(config: MonitoringConfig): LatencySlo[] {
  return config.slos.filter((s): s is LatencySlo => s.kind === 'latency');
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

export function overviewDashboard(config: MonitoringConfig): dashboard.Dashboard {
  return buildDashboard({
    uid: 'chitti-overview',
    title: 'Chitti Compute / Service overview',
    description: 'RED view of the Chitti Compute service: traffic, errors, latency, SLOs and error budgets, connections and alerts.',
    rows: [
      { title: 'At a glance', panels: glance(config) },
      { title: 'Traffic and errors', panels: traffic() },
      { title: 'Latency', panels: latency(config) },
      { title: OTEL_ROW, panels: otelPanels() },
      ...sloRows(config),
      { title: 'Connections and alerts', panels: connectionsAndAlerts() },
      { title: BALANCER_ROW, panels: balancerPanels() },
    ],
  });
}
