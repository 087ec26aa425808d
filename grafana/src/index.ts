// The dashboards of the bundle, their JSON rendering and the list of their panel queries.
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { kernelsDashboard } from './dashboards/kernels.ts';
import { overviewDashboard } from './dashboards/overview.ts';
import { runtimeDashboard } from './dashboards/runtime.ts';
import { monitoring } from '../../monitoring/src/chitti-monitoring.ts';
import type { MonitoringConfig } from '../../monitoring/src/types.ts';

export { DATASOURCE_UID, DEFAULT_JOB } from './provisioning.ts';

/** Generated file name (under grafana/dashboards/) -> dashboard. */
export function dashboards(config: MonitoringConfig = monitoring): { file: string; dashboard: dashboard.Dashboard }[] {
  return [
    { file: 'chitti-overview.json', dashboard: overviewDashboard(config) },
    { file: 'chitti-kernels.json', dashboard: kernelsDashboard() },
    { file: 'chitti-runtime.json', dashboard: runtimeDashboard() },
  ];
}

/** The committed form of a dashboard: 2-space JSON, trailing newline. */
export function render(d: dashboard.Dashboard): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

export type PanelQuery = {
  dashboard: string;
  dashboardUid: string;
  row: string;
  panel: string;
  panelType: string;
  refId: string;
  /** As stored in the dashboard, with Grafana variables ($job, $__rate_interval, ...). */
  expr: string;
  instant: boolean;
};

type StoredPanel = { type?: string; title?: string; targets?: { refId?: string; expr?: string; instant?: boolean }[] };

/** Every Prometheus query of every panel, in dashboard order. */
export function panelQueries(list = dashboards().map((d) => d.dashboard)): PanelQuery[] {
  const out: PanelQuery[] = [];
  for (const d of list) {
    let row = '';
    for (const panel of (d.panels ?? []) as StoredPanel[]) {
      if (panel.type === 'row') {
        row = panel.title ?? '';
        continue;
      }
      for (const t of panel.targets ?? []) {
        out.push({
          dashboard: d.title ?? '',
          dashboardUid: d.uid ?? '',
          row,
          panel: panel.title ?? '',
          panelType: panel.type ?? '',
          refId: t.refId ?? '',
          expr: t.expr ?? '',
          instant: t.instant === true,
        });
      }
    }
  }
  return out;
}

export type Substitutions = {
  job?: string;
  /** Regex for $instance; '.*' is the dashboard's "All". */
  instance?: string;
  rateInterval?: string;
  interval?: string;
  /** Dashboard time range as a PromQL duration. */
  range?: string;
};

/**
 * Replaces Grafana's variables in a panel query with concrete values, as Grafana would before
 * sending it to Prometheus, so it can be parsed or run outside Grafana. Unknown variables throw.
 */
export function expandVariables(expr: string, s: Substitutions = {}): string {
  const range = s.range ?? '1h';
  const values: Record<string, string> = {
    job: s.job ?? 'chitti-compute',
    instance: s.instance ?? '.*',
    __rate_interval: s.rateInterval ?? '1m',
    __interval: s.interval ?? '15s',
    __range: range,
    __range_s: String(seconds(range)),
    __range_ms: String(seconds(range) * 1000),
  };
  return expr.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const value = values[name];
    if (value === undefined) throw new Error(`unknown variable ${whole} in ${expr}`);
    return value;
  });
}

function seconds(duration: string): number {
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
  let total = 0;
  let rest = duration;
  const part = /^(\d+)(ms|s|m|h|d|w|y)/;
  while (rest) {
    const m = part.exec(rest);
    if (!m) throw new Error(`not a PromQL duration: ${duration}`);
    total += Number(m[1]) * (unit[m[2] ?? ''] ?? 0);
    rest = rest.slice(m[0].length);
  }
  return total;
}
