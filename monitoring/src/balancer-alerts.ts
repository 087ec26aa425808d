// Alerts about the load balancer in front of the compute replicas of the compose stack (HAProxy,
// deploy/haproxy/haproxy.cfg), from its built-in Prometheus exporter. Rendered to
// alerts/balancer.rules.yml; on Kubernetes the Service balances and these do not apply.
import type { AlertGroup } from './types.ts';

/** The scrape job of HAProxy's exporter (prometheus/prometheus.yml). */
export const BALANCER_JOB = 'chitti-balancer';
const BACKEND = `job="${BALANCER_JOB}", proxy="compute"`;

export const balancerAlertGroups: AlertGroup[] = [
  {
    name: 'chitti-balancer',
    rules: [
      {
        comment: `No replica passes /ready: the balancer answers every API request with 503 itself. One minute
covers a rolling restart of a single replica (drain, stop, start, two good checks).`,
        alert: 'ChittiBalancerNoReadyReplica',
        expr: `max by (job, instance, proxy) (haproxy_backend_active_servers{${BACKEND}}) < 1`,
        for: '1m',
        severity: 'critical',
        summary: 'The balancer has no ready compute replica, so every API request gets 503.',
        description: 'Balancer {{ $labels.instance }} has had no replica of backend {{ $labels.proxy }} passing /ready for 1 minute: clients get 503 problem+json from the balancer.',
      },
      {
        comment: `A replica that runs (its DNS name resolves) but fails /ready takes no traffic; the others
carry its share. A stopped replica leaves DNS and its slot goes to MAINT, not DOWN.`,
        alert: 'ChittiBalancerReplicaDown',
        expr: `max by (job, instance, proxy, server) (haproxy_server_status{${BACKEND}, state="DOWN"}) == 1`,
        for: '10m',
        severity: 'warning',
        summary: 'A compute replica has failed the balancer\'s readiness check for a long time.',
        description: 'Replica {{ $labels.server }} of backend {{ $labels.proxy }} on balancer {{ $labels.instance }} has failed its /ready check for 10 minutes: it runs but takes no traffic.',
      },
    ],
  },
];
