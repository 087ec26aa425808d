// Kernels: what the WebAssembly SIMD kernels cost, how much they process, and what they gain.
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as units from '@grafana/grafana-foundation-sdk/units';
import { buildDashboard } from '../dashboard.ts';
import { barGaugePanel, heatmapPanel, statPanel, tablePanel, timeseriesPanel } from '../panels.ts';
import { quantile, rate, sel, sumBy } from '../promql.ts';

const DURATION = 'chitti_compute_indicator_duration_seconds';
const POINTS = 'chitti_compute_indicator_data_points';
const INFO = 'chitti_compute_info';
const SPEEDUP = 'chitti_compute_indicator_speedup_ratio';
const STREAMS = 'chitti_compute_streams_active';
const STREAM_UPDATES = 'chitti_compute_stream_updates_total';
const STREAM_DURATION = 'chitti_compute_stream_update_duration_seconds';

function build() {
  return [
    tablePanel({
      title: 'Build and kernel per instance',
      description: 'One row per instance, from chitti_compute_info: service version, Node.js version, the kernel in use (wasm-simd, or the TypeScript fallback) and whether WebAssembly SIMD is available.',
      unit: units.String,
      width: 16,
      queries: [{ expr: sel(INFO), instant: true, format: 'table' }],
      hide: ['job'],
    }),
    statPanel({
      title: 'SIMD status',
      description: 'Instances running the WebAssembly SIMD kernels, and instances without SIMD (running the slower fallback kernel).',
      unit: units.Short,
      width: 8,
      height: 6,
      queries: [
        { expr: `count(${sel(INFO, 'simd="true"')}) or vector(0)`, legend: 'SIMD', instant: true },
        { expr: `count(${sel(INFO, 'simd!="true"')}) or vector(0)`, legend: 'no SIMD', instant: true },
      ],
    }),
  ];
}

function computeTime() {
  return [
    timeseriesPanel({
      title: 'Compute time p50 by indicator and kernel',
      description: 'Median time of one kernel call (a single series, or a panel of series) per indicator and kernel; request parsing and serialization excluded.',
      unit: units.Seconds,
      min: 0,
      queries: [{ expr: quantile(0.5, DURATION, ['indicator', 'kernel']), legend: '{{indicator}} {{kernel}}' }],
    }),
    timeseriesPanel({
      title: 'Compute time p99 by indicator and kernel',
      description: '99th percentile kernel time per indicator computation: the slow tail, usually the largest inputs.',
      unit: units.Seconds,
      min: 0,
      queries: [{ expr: quantile(0.99, DURATION, ['indicator', 'kernel']), legend: '{{indicator}} {{kernel}}' }],
    }),
    timeseriesPanel({
      title: 'Computations by indicator and kernel',
      description: 'Indicator computations per second, per indicator and kernel: which kernels carry the load.',
      unit: units.OpsPerSecond,
      min: 0,
      stack: true,
      queries: [{ expr: sumBy(['indicator', 'kernel'], rate(`${DURATION}_count`)), legend: '{{indicator}} {{kernel}}' }],
    }),
    timeseriesPanel({
      title: 'CPU spent in kernels by indicator',
      description: 'Kernel time per second of wall time, per indicator: 100% is one core busy computing that indicator full time.',
      unit: units.PercentUnit,
      min: 0,
      stack: true,
      queries: [{ expr: sumBy(['indicator'], rate(`${DURATION}_sum`)), legend: '{{indicator}}' }],
    }),
  ];
}

function throughput() {
  return [
    timeseriesPanel({
      title: 'Data points per second by indicator',
      description: 'Input data points (bars) computed per second, per indicator.',
      unit: 'suffix: points/s',
      min: 0,
      stack: true,
      queries: [{ expr: sumBy(['indicator'], rate(`${POINTS}_sum`)), legend: '{{indicator}}' }],
    }),
    timeseriesPanel({
      title: 'Kernel throughput by indicator',
      description: 'Data points computed per second of kernel time (points/s ÷ kernel seconds/s), per indicator: the kernels\' raw speed, independent of traffic.',
      unit: 'suffix: points/s',
      min: 0,
      queries: [{
        expr: `${sumBy(['indicator'], rate(`${POINTS}_sum`))} / ${sumBy(['indicator'], rate(`${DURATION}_sum`))}`,
        legend: '{{indicator}}',
      }],
    }),
    heatmapPanel({
      title: 'Input size distribution',
      description: 'Computations per second per input-size bucket (data points per request), all indicators: whether clients send small windows or long histories.',
      unit: units.OpsPerSecond,
      bucketUnit: units.Short,
      width: 12,
      height: 8,
      queries: [{ expr: sumBy(['le'], rate(`${POINTS}_bucket`)), legend: '{{le}}', format: 'heatmap' }],
    }),
    timeseriesPanel({
      title: 'Input size p50 and p99 by indicator',
      description: 'Median and 99th percentile input size (data points per computation) per indicator, interpolated within histogram buckets.',
      unit: units.Short,
      min: 0,
      queries: [
        { expr: quantile(0.5, POINTS, ['indicator']), legend: 'p50 {{indicator}}' },
        { expr: quantile(0.99, POINTS, ['indicator']), legend: 'p99 {{indicator}}' },
      ],
    }),
  ];
}

function speedup() {
  return [
    barGaugePanel({
      title: 'Measured WebAssembly speedup',
      description: 'How many times faster the WebAssembly kernel is than the TypeScript kernel, per indicator, as the service measures it periodically (chitti_compute_indicator_speedup_ratio; the lowest over the selected instances). Below 1 the WebAssembly kernel is slower.',
      unit: 'suffix:x',
      min: 0,
      baseColor: 'red',
      thresholds: [{ value: 1, color: 'orange' }, { value: 1.5, color: 'green' }],
      queries: [{ expr: `min by (indicator) (${sel(SPEEDUP)})`, legend: '{{indicator}}', instant: true }],
    }),
    timeseriesPanel({
      title: 'Measured WebAssembly speedup over time',
      description: 'Speedup per indicator and instance over time: a drop after a deploy is a kernel performance regression.',
      unit: 'suffix:x',
      min: 0,
      queries: [{ expr: sel(SPEEDUP), legend: '{{indicator}} {{instance}} {{worker}}' }],
    }),
  ];
}

function streams() {
  return [
    timeseriesPanel({
      title: 'Open streams',
      description: 'Indicator streams open on WebSocket connections to /v1/stream, per instance (chitti_compute_streams_active). Streams live in their connection: a restart drops this to zero and clients reopen them (from a snapshot or history).',
      unit: units.Short,
      min: 0,
      width: 8,
      queries: [{ expr: sumBy(['instance'], sel(STREAMS)), legend: '{{instance}}' }],
    }),
    timeseriesPanel({
      title: 'Stream updates by indicator',
      description: 'Bars committed per second by update messages on /v1/stream, per indicator (seeding history is not counted).',
      unit: units.OpsPerSecond,
      min: 0,
      stack: true,
      width: 8,
      queries: [{ expr: sumBy(['indicator'], rate(STREAM_UPDATES)), legend: '{{indicator}}' }],
    }),
    timeseriesPanel({
      title: 'Stream update time p50 and p99',
      description: 'Time the service takes to handle one update message (parse, update the stream, serialise the output), all indicators; network and client time excluded.',
      unit: units.Seconds,
      min: 0,
      width: 8,
      queries: [
        { expr: quantile(0.5, STREAM_DURATION), legend: 'p50' },
        { expr: quantile(0.99, STREAM_DURATION), legend: 'p99' },
      ],
    }),
  ];
}

export function kernelsDashboard(): dashboard.Dashboard {
  return buildDashboard({
    uid: 'chitti-kernels',
    title: 'Chitti Compute / Kernels',
    description: 'Indicator kernels of Chitti Compute: SIMD status and versions, compute time, throughput, input sizes, the measured WebAssembly speedup and WebSocket streams.',
    rows: [
      { title: 'Build and SIMD', panels: build() },
      { title: 'Compute time', panels: computeTime() },
      { title: 'Throughput and input size', panels: throughput() },
      { title: 'WebAssembly speedup', panels: speedup() },
      { title: 'Streams', panels: streams() },
    ],
  });
}
