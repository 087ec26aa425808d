// The shape of the monitoring config (monitoring/src/chitti-monitoring.ts), after the mixins'
// `_config`: SLOs, burn-rate windows, selectors, runbook base URL, and the alert groups that have
// no SLO. Everything under prometheus/rules/, alerts/*.rules.yml, grafana/dashboards/ and the
// generated deploy/k8s/base/ manifests is rendered from one value of MonitoringConfig.

/** A PromQL duration as the rules use it: 5m, 30m, 1h, 2h, 6h, 1d, 3d, 30d. */
export type Duration = `${number}${'s' | 'm' | 'h' | 'd'}`;

/** critical pages a human now; warning is a ticket, looked at within a day; info never pages. */
export type Severity = 'critical' | 'warning' | 'info';

/**
 * One multi-window burn-rate alert (Google SRE workbook, ch. 5): it fires when the bad-event
 * ratio over `long` AND over `short` both exceed factor x (1 - target), for `for`.
 */
export interface BurnWindow {
  long: Duration;
  short: Duration;
  factor: number;
  severity: Severity;
  for: Duration;
}

interface SloBase {
  /** The `slo` label of the alerts, e.g. `availability`, `latency-small`. */
  id: string;
  /** Dashboard row and panel titles, e.g. `Availability`, `Small-request latency`. */
  title: string;
  /** How the SLO is named in prose: `the 99.9% <name> SLO`. */
  name: string;
  /** Share of good events over the period, e.g. 0.999. */
  target: number;
  /** Alert name (CamelCase); SLOs of one kind may share it, told apart by the `slo` label. */
  alert: string;
  /** The summary annotation: a sentence without templating. */
  summary: string;
  /** The events counted, in prose: `non-4xx requests`, `successful small requests (...)`. */
  population: string;
  /** Recording-rule prefix `level:metric:`; the operation `<bad>_ratio_rate<window>` follows. */
  record: string;
  /** Labels the SLI keeps: the level of its recording rules. */
  by: readonly string[];
  /**
   * Labels that tell this SLO's SLI series from another SLO's of the same record name: set by its
   * recording rules (promtool rejects two rules of one name and one label set) and selected by its
   * alerts.
   */
  sliLabels: Readonly<Record<string, string>>;
}

/** Share of the requests that were not the client's fault (non-4xx) answered without a 5xx. */
export interface AvailabilitySlo extends SloBase {
  kind: 'availability';
  /** Counter of requests with a `status_code` label. */
  counter: string;
}

/** Share of the requests of one population faster than a histogram bucket boundary. */
export interface LatencySlo extends SloBase {
  kind: 'latency';
  /** Classic histogram (without `_bucket`). */
  histogram: string;
  /** Label matchers choosing the population (route, status, size class). */
  matchers: readonly string[];
  /**
   * The `le` of the bucket counted as fast, exactly as exposed. Not an integer: Prometheus 3
   * rewrites integer `le` values ("1" becomes "1.0") at scrape time; 0.1, 0.25, 2.5 read alike.
   */
  thresholdLe: string;
}

export type Slo = AvailabilitySlo | LatencySlo;

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Readonly<Record<string, string>>;
  comment?: string;
}

export interface RecordingGroup {
  name: string;
  comment?: string;
  rules: RecordingRule[];
}

export interface AlertRule {
  alert: string;
  expr: string;
  for?: Duration;
  severity: Severity;
  labels?: Record<string, string>;
  summary: string;
  description: string;
  /** Rendered above the rule in the YAML: the why of the threshold. */
  comment?: string;
}

export interface AlertGroup {
  name: string;
  comment?: string;
  rules: AlertRule[];
}

/** A rule file Prometheus loads, and whether the Kubernetes bundle carries it. */
export interface RuleFile {
  /** Repository-relative path. */
  path: string;
  header: string;
  groups: (RecordingGroup | AlertGroup)[];
  /** The PrometheusRule's name, or why the file stays out of the cluster. */
  kubernetes: { name: string } | { excluded: string };
}

/** A rule file of alerts only, none of them from an SLO. */
export type AlertFile = Omit<RuleFile, 'groups'> & { groups: AlertGroup[] };

export interface MonitoringConfig {
  /** The SLO period, e.g. 30d: the budget is (1 - target) of the events in it. */
  period: Duration;
  /** The burn-rate windows every SLO alerts on, in order. */
  windows: readonly BurnWindow[];
  /** Every SLO; each gets its SLI recording rules, its burn-rate alerts and its dashboard row. */
  slos: readonly Slo[];
  selectors: {
    /** The scrape job of the service, for alerts on raw metrics (`job="chitti-compute"`). */
    job: string;
  };
  /**
   * Where runbook links point unless Prometheus's external label `runbook_base_url` says otherwise;
   * an alert's runbook_url is `<base>#<alert name in lower case>`.
   */
  runbookBaseUrl: string;
  /** Recording rules that belong to no SLO (rates, quantiles). */
  recordingGroups: readonly RecordingGroup[];
  /** Alert groups that belong to no SLO, in the service's alert file after the SLO group. */
  serviceAlertGroups: readonly AlertGroup[];
  /** Further alert files without SLOs (the monitoring pipeline, a load balancer, ...). */
  extraAlertFiles: readonly AlertFile[];
}
