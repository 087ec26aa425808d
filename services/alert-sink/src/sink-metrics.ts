import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { WebhookPayload } from './payload.ts';

export interface SinkMetrics {
  registry: Registry;
  record(payload: WebhookPayload, now: Date): void;
  invalid(): void;
}

/**
 * The sink's own metrics. Label values come from the alert rules and Alertmanager's receivers, a
 * bounded set; an alert without a severity is counted as "none".
 */
export function createMetrics(stored: () => number): SinkMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const notifications = new Counter({
    name: 'alert_sink_notifications_total',
    help: 'Webhook notifications received from Alertmanager, by receiver and group status.',
    labelNames: ['receiver', 'status'] as const,
    registers: [registry],
  });
  const alerts = new Counter({
    name: 'alert_sink_alerts_total',
    help: 'Alerts carried by the received notifications, by alert name, severity and alert status.',
    labelNames: ['alertname', 'severity', 'status'] as const,
    registers: [registry],
  });
  const invalid = new Counter({
    name: 'alert_sink_invalid_payloads_total',
    help: 'Webhook requests rejected (4xx): not JSON, not an Alertmanager v4 payload, or too large.',
    registers: [registry],
  });
  const last = new Gauge({
    name: 'alert_sink_last_notification_timestamp_seconds',
    help: 'Unix time of the last notification received, by receiver (the Watchdog heartbeat arrives at "heartbeat").',
    labelNames: ['receiver'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'alert_sink_stored_notifications',
    help: 'Notifications currently kept in memory and shown at GET /alerts.',
    registers: [registry],
    collect() {
      this.set(stored());
    },
  });
  invalid.inc(0);
  return {
    registry,
    record(payload, now) {
      notifications.inc({ receiver: payload.receiver, status: payload.status });
      last.set({ receiver: payload.receiver }, now.getTime() / 1000);
      for (const a of payload.alerts) {
        alerts.inc({ alertname: a.labels.alertname ?? '', severity: a.labels.severity ?? 'none', status: a.status });
      }
    },
    invalid() {
      invalid.inc();
    },
  };
}
