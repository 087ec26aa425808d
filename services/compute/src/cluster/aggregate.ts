/**
 * Cluster mode's /metrics: the registries of every process (workers and primary) merged with
 * prom-client's AggregatorRegistry. Counters and histograms are summed; so are the gauges whose sum
 * is the process group's value (memory, connections, queue depths). Gauges whose sum means nothing
 * (a start time, a limit, event-loop lag, the measured speed-up) stay per process, told apart by a
 * `worker` label; identical ones (info) are taken once.
 */
import { AggregatorRegistry, Registry } from 'prom-client';
import type { Resource } from '@opentelemetry/resources';
import type { ScopeMetrics } from '@opentelemetry/sdk-metrics';
import { mergePages, otelPrometheusText } from '../otel-exposition.ts';
import { mergeScopeMetrics } from './otel-aggregate.ts';

/** One metric family as `registry.getMetricsAsJSON()` returns it (and as it crosses the IPC channel). */
export interface MetricJson {
  name: string;
  help: string;
  type: string;
  aggregator: string;
  values: MetricJsonValue[];
}

export interface MetricJsonValue {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
  /** Histogram buckets of exemplar-enabled histograms. */
  exemplar?: { labelSet: Record<string, string>; value: number; timestamp: number } | null;
}

export interface Snapshot {
  /** The `worker` label value for per-process gauges: the worker's slot (0..N-1) or "primary". */
  worker: string;
  metrics: MetricJson[];
  /** The process's OpenTelemetry metric data (none from the primary: it serves no requests). */
  otel?: ScopeMetrics[];
}

export const WORKER_LABEL = 'worker';

/** Gauges reported per process in cluster mode (with the `worker` label). */
export const PER_WORKER_GAUGES: ReadonlySet<string> = new Set([
  'chitti_compute_indicator_speedup_ratio',
  'process_start_time_seconds',
  'process_max_fds',
  'nodejs_eventloop_lag_seconds',
  'nodejs_eventloop_lag_min_seconds',
  'nodejs_eventloop_lag_max_seconds',
  'nodejs_eventloop_lag_mean_seconds',
  'nodejs_eventloop_lag_stddev_seconds',
  'nodejs_eventloop_lag_p50_seconds',
  'nodejs_eventloop_lag_p90_seconds',
  'nodejs_eventloop_lag_p99_seconds',
]);

/** Gauges with the same value in every process: reported once. */
export const SAME_IN_EVERY_PROCESS: ReadonlySet<string> = new Set(['chitti_compute_info', 'nodejs_version_info']);

function prepare(metric: MetricJson, worker: string, openMetrics: boolean): MetricJson {
  let { aggregator, values, name } = metric;
  if (PER_WORKER_GAUGES.has(name)) {
    values = values.map((v) => ({ ...v, labels: { ...v.labels, [WORKER_LABEL]: worker } }));
    aggregator = 'sum'; // one series per process: nothing left to add up
  } else if (SAME_IN_EVERY_PROCESS.has(name)) {
    aggregator = 'first';
  } else if (aggregator === undefined || aggregator === 'omit') {
    aggregator = 'sum';
  }
  // prom-client appends `_total` to counter samples in OpenMetrics; the aggregated registry hands it
  // the original name, so it is stripped here (otherwise samples come out as `x_total_total`).
  if (openMetrics && metric.type === 'counter' && name.endsWith('_total')) name = name.slice(0, -'_total'.length);
  return { ...metric, name, aggregator, values };
}

/**
 * The exposition text of the whole process group, in Prometheus 0.0.4 or OpenMetrics format:
 * prom-client's families, then (given the resource, i.e. `target_info`) OpenTelemetry's, each
 * added up over the processes.
 */
export async function exposition(snapshots: Snapshot[], openMetrics: boolean, otelResource?: Resource): Promise<string> {
  const lists = snapshots.map(({ worker, metrics }) => metrics.map((m) => prepare(m, worker, openMetrics)));
  const contentType = openMetrics ? Registry.OPENMETRICS_CONTENT_TYPE : Registry.PROMETHEUS_CONTENT_TYPE;
  const aggregate = AggregatorRegistry.aggregate as (lists: object[], type: string) => Registry;
  const registry = aggregate(lists, contentType);
  if (openMetrics) attachExemplars(registry, lists.flat());
  const promClient = await registry.metrics();
  if (!otelResource) return promClient;
  const otel = mergeScopeMetrics(snapshots.map((s) => s.otel ?? []));
  return mergePages(promClient, otelPrometheusText(otelResource, otel), openMetrics);
}

const seriesKey = (name: string, v: MetricJsonValue) =>
  `${name}\u0000${v.metricName ?? ''}\u0000${JSON.stringify(Object.entries(v.labels).sort(([a], [b]) => (a < b ? -1 : 1)))}`;

/** Aggregation drops exemplars; each summed bucket gets back the newest exemplar any process had for it. */
function attachExemplars(registry: Registry, inputs: MetricJson[]): void {
  const newest = new Map<string, NonNullable<MetricJsonValue['exemplar']>>();
  for (const metric of inputs) {
    if (metric.type !== 'histogram') continue;
    for (const v of metric.values) {
      if (!v.exemplar?.labelSet || Object.keys(v.exemplar.labelSet).length === 0) continue;
      const key = seriesKey(metric.name, v);
      const seen = newest.get(key);
      if (!seen || v.exemplar.timestamp > seen.timestamp) newest.set(key, v.exemplar);
    }
  }
  if (newest.size === 0) return;
  for (const metric of registry.getMetricsAsArray() as unknown as MetricJson[]) {
    if (metric.type !== 'histogram') continue;
    for (const v of metric.values) {
      const exemplar = newest.get(seriesKey(metric.name, v));
      if (exemplar) v.exemplar = exemplar;
    }
  }
}

/**
 * Counts a process leaves behind when it exits: its counters and histograms as last scraped,
 * folded into `retired` so that the group's totals never go down when a worker is replaced.
 */
export async function retire(retired: MetricJson[], last: MetricJson[]): Promise<MetricJson[]> {
  const monotonic = (list: MetricJson[]) => list.filter((m) => m.type === 'counter' || m.type === 'histogram');
  const merged = AggregatorRegistry.aggregate([monotonic(retired), monotonic(last)]);
  return (await merged.getMetricsAsJSON()) as unknown as MetricJson[];
}
