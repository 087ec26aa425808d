// Recording rules of the service that belong to no SLO: request rates, error ratios by route,
// latency and kernel-time quantiles for dashboards and ad-hoc queries.
import type { RecordingGroup } from './types.ts';

const quantile = (q: number, by: string, histogram: string) =>
  `histogram_quantile(${q}, sum by (${by}, le) (rate(${histogram}_bucket[5m])))`;

export const serviceRecordingGroups: RecordingGroup[] = [
  {
    name: 'chitti-compute.requests',
    rules: [
      { record: 'job:chitti_compute_requests:rate5m', expr: 'sum by (job) (rate(chitti_compute_requests_total[5m]))' },
      {
        record: 'job_route_status_code:chitti_compute_requests:rate5m',
        expr: 'sum by (job, route, status_code) (rate(chitti_compute_requests_total[5m]))',
      },
      {
        comment: 'Share of requests answered 4xx: a broken client, an API change, or someone probing.',
        record: 'job:chitti_compute_requests:client_error_ratio_rate5m',
        expr: `(
  sum by (job) (rate(chitti_compute_requests_total{status_code=~"4.."}[5m]))
  or
  0 * sum by (job) (rate(chitti_compute_requests_total[5m]))
)
/
sum by (job) (rate(chitti_compute_requests_total[5m]))`,
      },
      {
        record: 'job_route:chitti_compute_requests:error_ratio_rate5m',
        expr: `(
  sum by (job, route) (rate(chitti_compute_requests_total{status_code=~"5.."}[5m]))
  or
  0 * sum by (job, route) (rate(chitti_compute_requests_total[5m]))
)
/
sum by (job, route) (rate(chitti_compute_requests_total{status_code!~"4.."}[5m]))`,
      },
      {
        record: 'job_route:chitti_compute_request_duration_seconds_bucket:rate5m',
        expr: 'sum by (job, route, le) (rate(chitti_compute_request_duration_seconds_bucket[5m]))',
      },
      ...[0.5, 0.9, 0.99].map((q) => ({
        record: `job_route:chitti_compute_request_duration_seconds:p${q * 100}_rate5m`,
        expr: quantile(q, 'job, route', 'chitti_compute_request_duration_seconds'),
      })),
    ],
  },
  {
    name: 'chitti-compute.indicators',
    rules: [
      {
        record: 'job_indicator_kernel:chitti_compute_indicator_duration_seconds_bucket:rate5m',
        expr: 'sum by (job, indicator, kernel, le) (rate(chitti_compute_indicator_duration_seconds_bucket[5m]))',
      },
      ...[0.5, 0.99].map((q) => ({
        record: `job_indicator_kernel:chitti_compute_indicator_duration_seconds:p${q * 100}_rate5m`,
        expr: quantile(q, 'job, indicator, kernel', 'chitti_compute_indicator_duration_seconds'),
      })),
      {
        record: 'job_indicator:chitti_compute_indicator_data_points:p50_rate5m',
        expr: quantile(0.5, 'job, indicator', 'chitti_compute_indicator_data_points'),
      },
    ],
  },
];
