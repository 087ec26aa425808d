/**
 * OpenTelemetry's HTTP server metric, recorded with the OpenTelemetry metrics SDK beside prom-client:
 * `http.server.request.duration` (stable semantic conventions), with its attributes and its
 * advised bucket boundaries. Read by @opentelemetry/exporter-prometheus's PrometheusExporter without
 * its own server: the admin server appends its serialisation to prom-client's page (otel-exposition.ts).
 * One MeterProvider per app instance (tests build several); nothing is registered globally.
 * METRICS.md ("OpenTelemetry metrics") documents the names; keep the two in step.
 */
import { hostname } from 'node:os';
import type { Socket } from 'node:net';
import type { Attributes, Histogram } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { defaultResource, detectResources, envDetector, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { MeterProvider, type ScopeMetrics } from '@opentelemetry/sdk-metrics';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_NETWORK_PROTOCOL_VERSION,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
  ATTR_URL_SCHEME,
  METRIC_HTTP_SERVER_REQUEST_DURATION,
} from '@opentelemetry/semantic-conventions';

/** The Prometheus name the exporter gives http.server.request.duration (dots to underscores, no unit suffix). */
export const OTEL_DURATION_FAMILY = 'http_server_request_duration';

/** The instrumentation scope of the service's own OpenTelemetry instruments. */
export const METER_NAME = 'chitti-compute';

/**
 * The bucket boundaries the semantic conventions advise for http.server.request.duration, in
 * seconds (https://opentelemetry.io/docs/specs/semconv/http/http-metrics/).
 */
export const HTTP_DURATION_BOUNDARIES = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** Methods recorded as sent; any other is `_OTHER`, as the conventions require (bounded values). */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'CONNECT', 'TRACE']);

/** What the recorder needs of a fastify request (kept structural: tests and benchmarks build it). */
export interface RecordedRequest {
  method: string;
  /** The matched route template (`/v1/indicators/:id`); undefined when no route matched. */
  route: string | undefined;
  protocol: string;
  httpVersion: string;
  socket: Socket;
}

export interface OtelMetrics {
  readonly resource: Resource;
  /** The reader the admin server collects from (PrometheusExporter, its HTTP server never started). */
  readonly exporter: PrometheusExporter;
  readonly requestDuration: Histogram;
  /** Records one answered request: `seconds` from its arrival to its response being written. */
  recordRequest(request: RecordedRequest, statusCode: number, seconds: number): void;
  /** This process's metric data, as the exporter collects it (cumulative). */
  collect(): Promise<ScopeMetrics[]>;
  shutdown(): Promise<void>;
}

/**
 * The resource, i.e. `target_info`'s labels: the service's name and version, the SDK's
 * `telemetry.sdk.*`, the host and runtime, and whatever OTEL_RESOURCE_ATTRIBUTES / OTEL_SERVICE_NAME
 * say (they win). The same in every process of a cluster (no process id): the primary's stands for
 * the group.
 */
export function serviceResource(version: string): Resource {
  const fromEnv = detectResources({ detectors: [envDetector] });
  return defaultResource()
    .merge(
      resourceFromAttributes({
        [ATTR_SERVICE_NAME]: 'chitti-compute',
        [ATTR_SERVICE_VERSION]: version,
        'host.name': hostname(),
        'host.arch': process.arch,
        'process.runtime.name': 'nodejs',
        'process.runtime.version': process.versions.node,
      }),
    )
    .merge(fromEnv);
}

/** Bounded server attributes of the connection a request came on (its local address, not the Host header). */
function connectionAttributes(socket: Socket): Attributes {
  const port = socket.localPort;
  if (port === undefined) return { 'network.transport': 'unix' };
  const address = (socket.localAddress ?? '').replace(/^::ffff:/, '');
  return { [ATTR_SERVER_ADDRESS]: address, [ATTR_SERVER_PORT]: port };
}

export function createOtelMetrics(options: { version: string }): OtelMetrics {
  const resource = serviceResource(options.version);
  const exporter = new PrometheusExporter({ preventServerStart: true, withoutScopeInfo: true });
  const provider = new MeterProvider({ resource, readers: [exporter] });
  const meter = provider.getMeter(METER_NAME, options.version);
  const requestDuration = meter.createHistogram(METRIC_HTTP_SERVER_REQUEST_DURATION, {
    description: 'Duration of HTTP server requests.',
    unit: 's',
    advice: { explicitBucketBoundaries: HTTP_DURATION_BOUNDARIES },
  });
  // The server attributes of a connection are the same for all its requests.
  const perSocket = new WeakMap<Socket, Attributes>();

  return {
    resource,
    exporter,
    requestDuration,
    recordRequest(request, statusCode, seconds) {
      let server = perSocket.get(request.socket);
      if (!server) perSocket.set(request.socket, (server = connectionAttributes(request.socket)));
      const attributes: Attributes = {
        [ATTR_HTTP_REQUEST_METHOD]: KNOWN_METHODS.has(request.method) ? request.method : '_OTHER',
        [ATTR_URL_SCHEME]: request.protocol,
        [ATTR_HTTP_RESPONSE_STATUS_CODE]: statusCode,
        [ATTR_NETWORK_PROTOCOL_VERSION]: request.httpVersion,
        ...server,
      };
      // Unmatched requests carry no route (the conventions' rule): they collapse into one series per status.
      if (request.route !== undefined) attributes[ATTR_HTTP_ROUTE] = request.route;
      if (statusCode >= 500) attributes[ATTR_ERROR_TYPE] = String(statusCode);
      requestDuration.record(seconds, attributes);
    },
    async collect() {
      const { resourceMetrics, errors } = await exporter.collect();
      if (errors.length > 0) throw new AggregateError(errors, 'OpenTelemetry metrics collection failed');
      return resourceMetrics.scopeMetrics;
    },
    shutdown: () => provider.shutdown(),
  };
}
