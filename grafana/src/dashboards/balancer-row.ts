// The balancer row of the service overview: HAProxy in front of the compute replicas of the compose
// stack (deploy/haproxy/haproxy.cfg), from its built-in exporter, job chitti-balancer. Its job is
// fixed: the dashboards' $job and $instance variables select the service's own targets, and a
// Kubernetes install (no balancer: the Service balances) shows these panels empty.
import * as units from '@grafana/grafana-foundation-sdk/units';
import { BALANCER_JOB } from '../../../monitoring/src/balancer-alerts.ts';
import { statPanel, timeseriesPanel } from '../panels.ts';

export const BALANCER_ROW = 'Balancer (compose stack)';
export { BALANCER_JOB };

const backend = `job="${BALANCER_JOB}", proxy="compute"`;
const rate = (metric: string, labels: string) => `rate(${metric}{${labels}}[$__rate_interval])`;
/** Slots of the server template that hold a replica now (the empty ones are in MAINT). */
const held = `on (server) (max by (server) (haproxy_server_status{${backend}, state=~"UP|DOWN|DRAIN|NOLB"}) == 1)`;

export function balancerPanels() {
  return [
    statPanel({
      title: 'Replicas ready',
      description: 'Replicas passing the balancer\'s /ready check (HAProxy backend compute). 0: every API request gets 503 problem+json from the balancer (alert ChittiBalancerNoReadyReplica).',
      unit: units.Short,
      width: 4,
      graph: true,
      baseColor: 'red',
      queries: [{ expr: `max(haproxy_backend_active_servers{${backend}})` }],
      thresholds: [{ value: 1, color: 'green' }],
    }),
    timeseriesPanel({
      title: 'Requests per replica',
      description: 'Answers per second the balancer received from each replica (its slot in the server template, compute1..compute10): per-request round robin spreads them evenly over the ready replicas.',
      unit: units.RequestsPerSecond,
      width: 10,
      stack: true,
      queries: [{ expr: `sum by (server) (${rate('haproxy_server_http_responses_total', backend)})`, legend: '{{server}}' }],
    }),
    timeseriesPanel({
      title: 'Balancer errors and retries',
      description: '5xx answered to clients by the API frontend (the replicas\' and the balancer\'s own, e.g. 503 without a ready replica); connection and response errors towards replicas; requests retried on another replica (a replica stopping, a reused connection closed). Retries without 5xx are failures the clients never saw.',
      unit: units.RequestsPerSecond,
      width: 10,
      min: 0,
      queries: [
        { expr: `sum(${rate('haproxy_frontend_http_responses_total', `job="${BALANCER_JOB}", proxy="api", code="5xx"`)})`, legend: '5xx to clients' },
        { expr: `sum(${rate('haproxy_backend_connection_errors_total', backend)})`, legend: 'connection errors' },
        { expr: `sum(${rate('haproxy_backend_response_errors_total', backend)})`, legend: 'response errors' },
        { expr: `sum(${rate('haproxy_backend_retry_warnings_total', backend)})`, legend: 'retries' },
      ],
    }),
    timeseriesPanel({
      title: 'Queue',
      description: 'Requests waiting at the balancer for a replica slot (each replica takes 128 at once); a request waiting 5 s gets 503. A queue that stays above 0: add replicas.',
      unit: units.Short,
      min: 0,
      queries: [
        { expr: `max(haproxy_backend_current_queue{${backend}})`, legend: 'backend' },
        { expr: `max by (server) (haproxy_server_current_queue{${backend}}) and ${held}`, legend: '{{server}}' },
      ],
    }),
    timeseriesPanel({
      title: 'Response time per replica',
      description: 'Average time from sending a request to a replica to its first response byte, over the last 1024 requests of each replica (HAProxy\'s own average, not a quantile). One replica above the others: look at its event loop on the runtime dashboard.',
      unit: units.Seconds,
      min: 0,
      queries: [{ expr: `max by (server) (haproxy_server_response_time_average_seconds{${backend}}) and ${held}`, legend: '{{server}}' }],
    }),
  ];
}
