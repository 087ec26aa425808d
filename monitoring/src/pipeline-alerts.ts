// Alerts about the monitoring pipeline itself: without them a silent Prometheus or Alertmanager
// looks exactly like a healthy service. Rendered to alerts/monitoring.rules.yml.
import type { AlertGroup } from './types.ts';

export const pipelineAlertGroups: AlertGroup[] = [
  {
    name: 'monitoring.pipeline',
    rules: [
      {
        comment: `Always firing, on purpose: its notification arriving every few minutes at the heartbeat
receiver proves rules are evaluated and Alertmanager delivers. Alert when it STOPS arriving
(a dead man's switch outside this stack, or the alert-sink's last-heartbeat metric).
\`for: 1m\`: Prometheus discovers its Alertmanagers a few seconds after it starts (discovery
syncs every 5 s) and drops what it sends before that (prometheus_notifications_dropped_total);
firing at the first evaluation, the Watchdog would be dropped at every start.`,
        alert: 'Watchdog',
        expr: 'vector(1)',
        for: '1m',
        severity: 'info',
        summary: 'The alerting pipeline is working; this alert always fires.',
        description: 'Watchdog from {{ $externalLabels.monitor }} is firing as it should: Prometheus evaluates rules and Alertmanager delivers notifications.',
      },
      {
        alert: 'MonitoringTargetDown',
        expr: 'up{job=~"prometheus|alertmanager|alert-sink"} == 0',
        for: '5m',
        severity: 'warning',
        summary: 'A component of the monitoring stack cannot be scraped.',
        description: 'Prometheus has failed to scrape {{ $labels.instance }} (job {{ $labels.job }}) for 5 minutes.',
      },
      {
        alert: 'PrometheusRuleEvaluationFailures',
        expr: 'increase(prometheus_rule_evaluation_failures_total[5m]) > 0',
        for: '15m',
        severity: 'critical',
        summary: 'Prometheus fails to evaluate some rules, so alerts may be missed.',
        description: '{{ $value | humanize }} evaluations of rule group {{ $labels.rule_group }} failed on {{ $labels.instance }} in the last 5 minutes.',
      },
      {
        alert: 'PrometheusNotConnectedToAlertmanager',
        expr: 'max_over_time(prometheus_notifications_alertmanagers_discovered[5m]) < 1',
        for: '10m',
        severity: 'critical',
        summary: 'Prometheus has no Alertmanager to send alerts to.',
        description: 'Prometheus {{ $labels.instance }} has discovered {{ $value }} Alertmanagers for 10 minutes: no alert reaches anyone.',
      },
      {
        alert: 'PrometheusNotificationsFailing',
        expr: 'sum by (job, instance, alertmanager) (rate(prometheus_notifications_errors_total[5m])) > 0',
        for: '15m',
        severity: 'critical',
        summary: 'Prometheus fails to send alerts to Alertmanager.',
        description: 'Prometheus {{ $labels.instance }} fails to send {{ $value | printf "%.3g" }} alerts/s to {{ $labels.alertmanager }}.',
      },
      {
        alert: 'AlertmanagerNotificationsFailing',
        expr: 'sum by (job, instance, integration) (rate(alertmanager_notifications_failed_total[5m])) > 0',
        for: '15m',
        severity: 'critical',
        summary: 'Alertmanager fails to deliver notifications.',
        description: 'Alertmanager {{ $labels.instance }} fails to deliver {{ $value | printf "%.3g" }} notifications/s through its {{ $labels.integration }} integration.',
      },
    ],
  },

];
