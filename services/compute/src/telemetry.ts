/**
 * OpenTelemetry tracing. Spans are made by hand (a server span per request in app.ts, a span per
 * kernel call in kernel-runner.ts) with W3C trace context propagation, so no auto-instrumentation has to be
 * loaded before fastify. Spans are always recorded (trace ids reach logs and exemplars); they are
 * exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT (or the traces-specific variable) is set.
 */
import { NodeSDK } from '@opentelemetry/sdk-node';

export interface Telemetry {
  exporting: boolean;
  shutdown(): Promise<void>;
}

/** Ends spans without sending them anywhere: trace ids without a collector. */
const localOnly = {
  onStart() {},
  onEnd() {},
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

let started: Telemetry | undefined;

/** Starts the SDK once per process (later calls return the first instance). */
export function startTelemetry(env: Readonly<Record<string, string | undefined>> = process.env): Telemetry {
  if (started) return started;
  const exporting = Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || 'chitti-compute',
    // Without spanProcessors the SDK builds the exporter from OTEL_TRACES_EXPORTER / OTEL_EXPORTER_OTLP_*.
    ...(exporting ? {} : { spanProcessors: [localOnly] }),
    // Metrics are served on the admin /metrics: prom-client's, and OpenTelemetry's from each app's own
    // MeterProvider (src/otel-metrics.ts), not a global one; logs are pino's (stdout).
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
  });
  sdk.start();
  started = { exporting, shutdown: () => sdk.shutdown() };
  return started;
}
