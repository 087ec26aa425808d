// Node.js runtime of the compute service: CPU, memory, heap, GC, event loop, handles, restarts.
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as units from '@grafana/grafana-foundation-sdk/units';
import { buildDashboard } from '../dashboard.ts';
import { statPanel, timeseriesPanel } from '../panels.ts';
import { rate, sel, sumBy } from '../promql.ts';

const START = 'process_start_time_seconds';

function processPanels() {
  return [
    timeseriesPanel({
      title: 'CPU usage',
      description: 'CPU time (user + system) per second of wall time, per instance: 100% is one core. The event loop is single-threaded, so a busy instance sits near 100%.',
      unit: units.PercentUnit,
      min: 0,
      queries: [{ expr: rate('process_cpu_seconds_total'), legend: '{{instance}}' }],
    }),
    timeseriesPanel({
      title: 'Resident memory',
      description: 'Resident set size per instance: all memory the process holds in RAM (V8 heap, WebAssembly memories, buffers, code).',
      unit: units.BytesIEC,
      min: 0,
      queries: [{ expr: sel('process_resident_memory_bytes'), legend: '{{instance}}' }],
    }),
    statPanel({
      title: 'Uptime',
      description: 'Time since each instance\'s process started (in cluster mode, each worker process and the primary, by the worker label).',
      unit: units.Seconds,
      width: 8,
      queries: [{ expr: `time() - ${sel(START)}`, legend: '{{instance}} {{worker}}', instant: true }],
    }),
    statPanel({
      title: 'Restarts in time range',
      description: 'Process restarts over the dashboard time range (changes of process_start_time_seconds), summed over the selected instances. A new replica with a new instance label is not a restart.',
      unit: units.Short,
      width: 8,
      queries: [{ expr: `sum(changes(${sel(START)}[$__range]))`, instant: true }],
      thresholds: [{ value: 1, color: 'orange' }, { value: 3, color: 'red' }],
    }),
    statPanel({
      title: 'Open file descriptors',
      description: 'File descriptors open per instance (sockets included). Compare with the process limit (process_max_fds).',
      unit: units.Short,
      width: 8,
      queries: [{ expr: sel('process_open_fds'), legend: '{{instance}}', instant: true }],
    }),
  ];
}

function heap() {
  return [
    timeseriesPanel({
      title: 'V8 heap',
      width: 8,
      description: 'V8 heap used and total (reserved) per instance. Used climbing back to a higher floor after each GC is a leak; WebAssembly memory is not in the heap.',
      unit: units.BytesIEC,
      min: 0,
      queries: [
        { expr: sel('nodejs_heap_size_used_bytes'), legend: 'used {{instance}}' },
        { expr: sel('nodejs_heap_size_total_bytes'), legend: 'total {{instance}}' },
      ],
    }),
    timeseriesPanel({
      title: 'Time in GC by kind',
      width: 8,
      description: 'Garbage-collection pause time per second of wall time, by GC kind (minor scavenges, major mark-sweep-compact, incremental, weak callbacks): the share of time the event loop is stopped for GC.',
      unit: units.PercentUnit,
      min: 0,
      stack: true,
      queries: [{ expr: sumBy(['kind'], rate('nodejs_gc_duration_seconds_sum')), legend: '{{kind}}' }],
    }),
    timeseriesPanel({
      title: 'GC runs by kind',
      width: 8,
      description: 'Garbage collections per second by kind, over the selected instances.',
      unit: units.OpsPerSecond,
      min: 0,
      stack: true,
      queries: [{ expr: sumBy(['kind'], rate('nodejs_gc_duration_seconds_count')), legend: '{{kind}}' }],
    }),
  ];
}

function eventLoop() {
  return [
    timeseriesPanel({
      title: 'Event-loop lag',
      description: 'Delay before the event loop runs a ready callback (p50 and p99 from perf_hooks, plus the last sampled lag), per instance (and per worker process in cluster mode). Every request waits this long on top of its own work; lasting p99 above 0.2 s raises an alert.',
      unit: units.Seconds,
      min: 0,
      queries: [
        { expr: sel('nodejs_eventloop_lag_p50_seconds'), legend: 'p50 {{instance}} {{worker}}' },
        { expr: sel('nodejs_eventloop_lag_p99_seconds'), legend: 'p99 {{instance}} {{worker}}' },
        { expr: sel('nodejs_eventloop_lag_seconds'), legend: 'sampled {{instance}} {{worker}}' },
      ],
    }),
    timeseriesPanel({
      title: 'Active handles',
      description: 'Libuv handles keeping the event loop alive per instance (sockets, servers, timers). Growing without traffic growth is a handle leak.',
      unit: units.Short,
      min: 0,
      queries: [{ expr: sumBy(['instance'], sel('nodejs_active_handles')), legend: '{{instance}}' }],
    }),
  ];
}

export function runtimeDashboard(): dashboard.Dashboard {
  return buildDashboard({
    uid: 'chitti-runtime',
    title: 'Chitti Compute / Node.js runtime',
    description: 'Node.js runtime of the Chitti Compute service: CPU, memory, V8 heap, garbage collection, event-loop lag, handles and restarts.',
    rows: [
      { title: 'Process', panels: processPanels() },
      { title: 'V8 heap and garbage collection', panels: heap() },
      { title: 'Event loop', panels: eventLoop() },
    ],
  });
}
