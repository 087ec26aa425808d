// The Alertmanager webhook payload (version 4), as documented at
// https://prometheus.io/docs/alerting/latest/configuration/#webhook_config, and its JSON schema.

export type AlertStatus = 'firing' | 'resolved';

export interface WebhookAlert {
  status: AlertStatus;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

export interface WebhookPayload {
  version: '4';
  groupKey: string;
  truncatedAlerts?: number;
  status: AlertStatus;
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: WebhookAlert[];
}

const labelSet = { type: 'object', additionalProperties: { type: 'string' } } as const;
const status = { type: 'string', enum: ['firing', 'resolved'] } as const;

/**
 * Strict where a wrong value would make the notification unreadable (version, statuses, label
 * values), lenient on what Alertmanager may add in later versions (extra properties are kept).
 */
export const webhookPayloadSchema = {
  type: 'object',
  required: ['version', 'groupKey', 'status', 'receiver', 'alerts'],
  properties: {
    version: { type: 'string', const: '4' },
    groupKey: { type: 'string' },
    truncatedAlerts: { type: 'integer', minimum: 0 },
    status,
    receiver: { type: 'string', minLength: 1 },
    groupLabels: labelSet,
    commonLabels: labelSet,
    commonAnnotations: labelSet,
    externalURL: { type: 'string' },
    alerts: {
      type: 'array',
      maxItems: 10_000,
      items: {
        type: 'object',
        required: ['status', 'labels', 'startsAt'],
        properties: {
          status,
          labels: labelSet,
          annotations: labelSet,
          startsAt: { type: 'string' },
          endsAt: { type: 'string' },
          generatorURL: { type: 'string' },
          fingerprint: { type: 'string' },
        },
      },
    },
  },
} as const;

/** Fills the optional members Alertmanager always sends but a hand-written test payload may omit. */
export function normalize(p: WebhookPayload): WebhookPayload {
  return {
    ...p,
    groupLabels: p.groupLabels ?? {},
    commonLabels: p.commonLabels ?? {},
    commonAnnotations: p.commonAnnotations ?? {},
    externalURL: p.externalURL ?? '',
    alerts: p.alerts.map((a) => ({
      ...a,
      annotations: a.annotations ?? {},
      endsAt: a.endsAt ?? '0001-01-01T00:00:00Z',
      generatorURL: a.generatorURL ?? '',
      fingerprint: a.fingerprint ?? '',
    })),
  };
}
