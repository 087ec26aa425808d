import type { WebhookAlert, WebhookPayload } from '../src/payload.ts';

export function alert(labels: Record<string, string>, status: WebhookAlert['status'] = 'firing'): WebhookAlert {
  return {
    status,
    labels,
    annotations: { summary: 'Something happened.', description: `details of ${labels.alertname}` },
    startsAt: '2026-01-01T00:00:00Z',
    endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus:9090/graph',
    fingerprint: 'f1',
  };
}

/** A payload shaped like Alertmanager's own (all members present). */
export function payload(receiver: string, alerts: WebhookAlert[], status: WebhookPayload['status'] = 'firing'): WebhookPayload {
  return {
    version: '4',
    groupKey: `{}:{alertname="${alerts[0]?.labels.alertname}"}`,
    truncatedAlerts: 0,
    status,
    receiver,
    groupLabels: { alertname: alerts[0]?.labels.alertname ?? '' },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    alerts,
  };
}
