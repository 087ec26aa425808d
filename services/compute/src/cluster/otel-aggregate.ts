/**
 * Cluster mode's OpenTelemetry metrics: every worker's collected data (cumulative, as its
 * PrometheusExporter reader collects it) merged into one set for the primary's page, as
 * aggregate.ts does for prom-client's. Data points with the same attributes are added up: sums,
 * and histograms bucket by bucket (count, sum, min, max too). Gauges (none today) keep the newest.
 * A worker that exits leaves its monotonic sums and histograms behind (`retireOtel`), so totals
 * never go down when a worker is replaced.
 */
import { DataPointType, type DataPoint, type Histogram, type MetricData, type ScopeMetrics } from '@opentelemetry/sdk-metrics';

type AnyPoint = DataPoint<unknown>;

const attributesKey = (attributes: Record<string, unknown>) => JSON.stringify(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const earlier = (a: [number, number], b: [number, number]) => (a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]) ? a : b);
const later = (a: [number, number], b: [number, number]) => (earlier(a, b) === a ? b : a);

function addHistograms(name: string, a: Histogram, b: Histogram): Histogram {
  const same = a.buckets.boundaries.length === b.buckets.boundaries.length && a.buckets.boundaries.every((x, i) => x === b.buckets.boundaries[i]);
  if (!same) throw new Error(`${name}: workers report different bucket boundaries; cannot add them up`);
  return {
    buckets: { boundaries: a.buckets.boundaries, counts: a.buckets.counts.map((c, i) => c + (b.buckets.counts[i] ?? 0)) },
    count: a.count + b.count,
    sum: a.sum === undefined || b.sum === undefined ? undefined : a.sum + b.sum,
    min: a.min === undefined ? b.min : b.min === undefined ? a.min : Math.min(a.min, b.min),
    max: a.max === undefined ? b.max : b.max === undefined ? a.max : Math.max(a.max, b.max),
  };
}

function addPoints(metric: MetricData, a: AnyPoint, b: AnyPoint): AnyPoint {
  const startTime = earlier(a.startTime, b.startTime);
  const endTime = later(a.endTime, b.endTime);
  switch (metric.dataPointType) {
    case DataPointType.SUM:
      return { ...a, startTime, endTime, value: (a.value as number) + (b.value as number) };
    case DataPointType.HISTOGRAM:
      return { ...a, startTime, endTime, value: addHistograms(metric.descriptor.name, a.value as Histogram, b.value as Histogram) };
    default:
      return endTime === b.endTime ? b : a; // a gauge: the newest reading
  }
}

/** The scope metrics of several processes, added up per scope, instrument and attribute set. */
export function mergeScopeMetrics(lists: ScopeMetrics[][]): ScopeMetrics[] {
  const scopes = new Map<string, { scope: ScopeMetrics['scope']; metrics: Map<string, { metric: MetricData; points: Map<string, AnyPoint> }> }>();
  for (const list of lists) {
    for (const { scope, metrics } of list) {
      const scopeKey = `${scope.name}\u0000${scope.version ?? ''}`;
      let entry = scopes.get(scopeKey);
      if (!entry) scopes.set(scopeKey, (entry = { scope, metrics: new Map() }));
      for (const metric of metrics) {
        let m = entry.metrics.get(metric.descriptor.name);
        if (!m) entry.metrics.set(metric.descriptor.name, (m = { metric, points: new Map() }));
        else if (m.metric.dataPointType !== metric.dataPointType) throw new Error(`${metric.descriptor.name}: workers report different data point types`);
        for (const point of metric.dataPoints as AnyPoint[]) {
          const key = attributesKey(point.attributes);
          const seen = m.points.get(key);
          m.points.set(key, seen ? addPoints(m.metric, seen, point) : point);
        }
      }
    }
  }
  return [...scopes.values()].map(({ scope, metrics }) => ({
    scope,
    metrics: [...metrics.values()].map(({ metric, points }) => ({ ...metric, dataPoints: [...points.values()] }) as MetricData),
  }));
}

/** What an exited process leaves behind: its monotonic sums and histograms, added to the earlier ones. */
export function retireOtel(retired: ScopeMetrics[], last: ScopeMetrics[]): ScopeMetrics[] {
  const monotonic = (list: ScopeMetrics[]) =>
    list.map(({ scope, metrics }) => ({
      scope,
      metrics: metrics.filter((m) => m.dataPointType === DataPointType.HISTOGRAM || (m.dataPointType === DataPointType.SUM && m.isMonotonic)),
    }));
  return mergeScopeMetrics([monotonic(retired), monotonic(last)]);
}
