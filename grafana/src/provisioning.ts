// Names shared by the dashboards, the provisioning files and the tests.

/** uid of the provisioned Prometheus datasource (provisioning/datasources/prometheus.yml). */
export const DATASOURCE_UID = 'chitti-prometheus';
/** Panels and targets point at the datasource variable, never at a fixed uid. */
export const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };
export const DEFAULT_JOB = 'chitti-compute';
/**
 * Where grafana/dashboards/ is mounted in the Grafana container: the file provider of
 * provisioning/dashboards/chitti.yml reads it.
 */
export const DASHBOARDS_MOUNT = '/etc/chitti/dashboards';

/** The route serving single-indicator requests: the latency SLO's population. */
export const INDICATOR_ROUTE = '/v1/indicators/:id';

// SLOs, as in prometheus/rules/chitti-compute.rules.yml and alerts/chitti-compute.rules.yml.
export const SLO_PERIOD = '30d';
/** 99.9% of the non-4xx requests succeed (5xx is bad). */
export const AVAILABILITY_TARGET = 0.999;
/** 99% of the successful indicator requests complete within LATENCY_THRESHOLD_LE seconds. */
export const LATENCY_TARGET = 0.99;
/**
 * The `le` label of the histogram bucket the latency SLO counts as fast. Not an integer on purpose:
 * Prometheus 3 rewrites integer `le` values ("1" becomes "1.0"), 0.25 is written alike everywhere.
 */
export const LATENCY_THRESHOLD_LE = '0.25';
/**
 * Burn-rate windows drawn on the SLO panels: the long windows of the paging alerts
 * (14.4x over 1h, 6x over 6h). These and SLO_PERIOD are the only fixed range windows allowed.
 */
export const BURN_RATE_WINDOWS = [
  { window: '1h', pageAt: 14.4 },
  { window: '6h', pageAt: 6 },
] as const;
export const FIXED_WINDOWS: readonly string[] = [SLO_PERIOD, ...BURN_RATE_WINDOWS.map((b) => b.window)];
