// The OpenTelemetry row of the service overview: request rate and duration by route from the names
// of the HTTP semantic conventions (http.server.request.duration, recorded with the OpenTelemetry SDK
// and exported by @opentelemetry/exporter-prometheus beside prom-client's families; see
// services/compute/METRICS.md). The same traffic as the rows above, under the names cross-service
// dashboards use.
import * as units from '@grafana/grafana-foundation-sdk/units';
import { OTEL_DURATION_FAMILY } from '../../../services/compute/src/otel-metrics.ts';
import { timeseriesPanel } from '../panels.ts';
import { quantile, rate, sumBy } from '../promql.ts';

export const OTEL_ROW = 'OpenTelemetry HTTP server (semantic conventions)';

/** Requests that matched no route carry no http_route: shown as "(no route)". */
const named = (expr: string) => `label_replace(${expr}, "http_route", "(no route)", "http_route", "")`;

export function otelPanels() {
  return [
    timeseriesPanel({
      title: 'Request rate by route (OpenTelemetry)',
      description: `Requests per second per http_route, from ${OTEL_DURATION_FAMILY}_count (OpenTelemetry http.server.request.duration). Stacked: the top line is the total, equal to the "Request rate by route" panel above. "(no route)": requests that matched no route (404).`,
      unit: units.RequestsPerSecond,
      stack: true,
      queries: [{ expr: named(sumBy(['http_route'], rate(`${OTEL_DURATION_FAMILY}_count`))), legend: '{{http_route}}' }],
    }),
    timeseriesPanel({
      title: 'p99 duration by route (OpenTelemetry)',
      description: `99th percentile of http.server.request.duration per http_route, from the ${OTEL_DURATION_FAMILY} buckets (the semantic conventions' boundaries, 5 ms to 10 s; interpolated within a bucket, so coarser than the service's own histogram below 5 ms).`,
      unit: units.Seconds,
      min: 0,
      queries: [{ expr: named(quantile(0.99, OTEL_DURATION_FAMILY, ['http_route'])), legend: '{{http_route}}' }],
    }),
    timeseriesPanel({
      title: 'p50 duration by route (OpenTelemetry)',
      description: `Median of http.server.request.duration per http_route, from the ${OTEL_DURATION_FAMILY} buckets.`,
      unit: units.Seconds,
      min: 0,
      queries: [{ expr: named(quantile(0.5, OTEL_DURATION_FAMILY, ['http_route'])), legend: '{{http_route}}' }],
    }),
  ];
}
