// Alerts of the Chitti Compute service that belong to no SLO: availability of the targets, client
// errors, credentials, cardinality, event loop, memory, restarts, kernels. Thresholds are in the
// expressions (each with its why); the rendered file is alerts/chitti-compute.rules.yml.
import type { AlertGroup } from './types.ts';

/**
 * Series one replica may expose (docs/scaling.md): prom-client's families and OpenTelemetry's
 * together, every label value seen. services/compute/test/series-budget.test.ts counts them.
 */
export const SERIES_BUDGET_PER_REPLICA = 2000;

/** `job`: the service's scrape job (config.selectors.job). */
export const serviceAlertGroups = (job: string): AlertGroup[] => [
  {
    name: 'chitti-compute.service',
    rules: [
      {
        alert: 'ChittiComputeDown',
        expr: `up{job="${job}"} == 0`,
        for: '2m',
        severity: 'critical',
        summary: 'A Chitti Compute instance cannot be scraped.',
        description: 'Prometheus has failed to scrape {{ $labels.instance }} (job {{ $labels.job }}) for 2 minutes: the service is down, or its admin port 9464 is unreachable.',
      },
      {
        alert: 'ChittiComputeAbsent',
        expr: `absent(up{job="${job}"})`,
        for: '5m',
        severity: 'critical',
        summary: 'Prometheus has no Chitti Compute target at all.',
        description: 'No target of job {{ $labels.job }} has been discovered for 5 minutes: the service is not deployed, or the scrape configuration lost it. Every other Chitti Compute alert is blind until this is fixed.',
      },
      {
        comment: 'Ignores quiet periods: below 0.1 request/s a handful of bad requests is not a trend.',
        alert: 'ChittiComputeHighClientErrorRatio',
        expr: `job:chitti_compute_requests:client_error_ratio_rate5m > 0.1
and
job:chitti_compute_requests:rate5m > 0.1`,
        for: '15m',
        severity: 'warning',
        summary: 'Many Chitti Compute requests are rejected as client errors.',
        description: '{{ $value | humanizePercentage }} of the requests to {{ $labels.job }} were answered 4xx over the last 5 minutes (threshold 10%).',
      },
      {
        comment: `Refused credentials (401 no/unknown token, 403 token without the route's scope), per
instance. A client retrying with a revoked or mistyped token, or a token missing a scope,
keeps this up for minutes; a handful of probes does not reach 0.5/s for 10 minutes.`,
        alert: 'ChittiComputeAuthFailures',
        expr: `sum by (job, instance) (
  rate(chitti_compute_errors_total{job="${job}",type=~"unauthorized|forbidden"}[5m])
) > 0.5`,
        for: '10m',
        severity: 'warning',
        summary: 'Chitti Compute keeps refusing callers\' credentials.',
        description: '{{ $labels.instance }} has answered {{ $value | humanize }} requests/s with 401 or 403 for 10 minutes: a client with a revoked, mistyped or under-scoped token, or someone probing the API.',
      },
      {
        comment: `Series per replica, as Prometheus counts them on every scrape. The budget (docs/scaling.md)
is 2,000; the Kubernetes ServiceMonitor fails scrapes above 5,000 (sampleLimit). Growth
past the budget means a new label dimension: catch it before scrapes start failing.`,
        alert: 'ChittiComputeSeriesOverBudget',
        expr: `scrape_samples_post_metric_relabeling{job="${job}"} > ${SERIES_BUDGET_PER_REPLICA}`,
        for: '30m',
        severity: 'warning',
        summary: 'A Chitti Compute replica exposes more series than budgeted.',
        description: `{{ $labels.instance }} has exposed more than its budget of ${SERIES_BUDGET_PER_REPLICA.toLocaleString('en-US')} series on every scrape for 30 minutes (now {{ $value }}); on Kubernetes, scrapes fail above the ServiceMonitor sampleLimit of 5,000.`,
      },
      {
        comment: `p99 of the event-loop delay, averaged over 5 minutes so one slow scrape interval does not
reset the \`for\` clock. Indicator computations run on the event loop: a 100k-point request
holds it for 20-90 ms on a 2-core machine, so 0.2 s means requests queue behind each other.`,
        alert: 'ChittiComputeEventLoopLagHigh',
        expr: `avg_over_time(nodejs_eventloop_lag_p99_seconds{job="${job}"}[5m]) > 0.2`,
        for: '10m',
        severity: 'warning',
        summary: 'The Chitti Compute event loop is lagging.',
        description: 'The p99 event-loop delay of {{ $labels.instance }}{{ with $labels.worker }} (worker {{ . }}){{ end }} has averaged {{ $value | humanizeDuration }} over 5 minutes (threshold 200ms): requests wait behind each other.',
      },
      {
        alert: 'ChittiComputeMemoryHigh',
        expr: `max_over_time(process_resident_memory_bytes{job="${job}"}[5m]) > 1024 * 1024 * 1024`,
        for: '15m',
        severity: 'warning',
        summary: 'Chitti Compute uses more memory than expected.',
        description: 'The resident memory of {{ $labels.instance }} has been above 1 GiB for 15 minutes (now {{ $value | humanize1024 }}B).',
      },
      {
        alert: 'ChittiComputeRestarting',
        expr: `changes(process_start_time_seconds{job="${job}"}[15m]) > 2`,
        severity: 'warning',
        summary: 'Chitti Compute keeps restarting.',
        description: '{{ $labels.instance }}{{ with $labels.worker }} (worker {{ . }}){{ end }} has restarted {{ $value }} times in the last 15 minutes.',
      },
    ],
  },
  {
    name: 'chitti-compute.kernels',
    rules: [
      {
        comment: 'The service runs the TypeScript reference kernels: results are identical, throughput lower.',
        alert: 'ChittiComputeSimdDisabled',
        expr: `chitti_compute_info{job="${job}",simd="false"} == 1`,
        for: '5m',
        severity: 'warning',
        summary: 'Chitti Compute runs without WebAssembly SIMD kernels.',
        description: '{{ $labels.instance }} (version {{ $labels.version }}, Node {{ $labels.node_version }}) computes with the {{ $labels.kernel }} kernels: SIMD is not in use.',
      },
      {
        comment: `Relative to the indicator's own typical measurement, because the absolute speedup differs per
indicator and per machine (0.9x to 1.7x measured on a 2-core CI machine for single series).
The service measures it itself every 5 minutes, and one measurement is noisy: two runs 40 s
apart on a busy 2-core machine gave 0.9x then 8.5x for stochf, 5.7x then 14x for ad, the first
one after a start being the odd one out. So both sides are medians: the last hour (12
measurements) against the past 7 days. A restarted replica's first measurements move neither,
and a new replica's series compares with itself until it has history. A drop of a quarter
held for 30 minutes is beyond noise.`,
        alert: 'ChittiComputeSpeedupRegressed',
        expr: `quantile_over_time(0.5, chitti_compute_indicator_speedup_ratio{job="${job}"}[1h])
< 0.75 * quantile_over_time(0.5, chitti_compute_indicator_speedup_ratio{job="${job}"}[7d])`,
        for: '30m',
        severity: 'info',
        summary: 'The measured WebAssembly speedup of an indicator has regressed.',
        description: 'The WebAssembly kernel of {{ $labels.indicator }} on {{ $labels.instance }} has been {{ $value | printf "%.2f" }}x as fast as the TypeScript kernel over the last hour (median), less than three quarters of its median over the past 7 days.',
      },
    ],
  },

];
