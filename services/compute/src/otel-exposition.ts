/**
 * The OpenTelemetry part of the /metrics page: @opentelemetry/exporter-prometheus's
 * PrometheusSerializer turns the SDK's data (and the resource, as `target_info`) into Prometheus text
 * 0.0.4, which is appended to prom-client's page. The serializer speaks only that format; for an
 * OpenMetrics scrape its text is adapted here (counter family names without `_total`, no `# UNIT`
 * line whose unit is not the name's suffix: OpenMetrics parsers reject both).
 */
import { PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import type { Resource } from '@opentelemetry/resources';
import type { ScopeMetrics } from '@opentelemetry/sdk-metrics';

// prefix none, no timestamps, no resource attributes as labels, target_info on, scope labels off
// (one meter: `otel_scope_name` on every series would add bytes and nothing else).
const serializer = new PrometheusSerializer(undefined, false, undefined, false, true);

/** Prometheus text 0.0.4 of the given data, `target_info` first. */
export function otelPrometheusText(resource: Resource, scopeMetrics: ScopeMetrics[]): string {
  const text = serializer.serialize({ resource, scopeMetrics });
  // With no instrument the serializer writes a comment in place of families; keep the page clean.
  return text.replace(/^# no registered metrics\n?/m, '').replace(/\n*$/, '\n');
}

/**
 * The serializer's Prometheus text, adapted to OpenMetrics 1.0 (without the closing `# EOF`):
 * counters are declared as `x` with samples `x_total`, and a `# UNIT` line is kept only when the
 * family name ends with `_<unit>` (OpenTelemetry's `s` on `http_server_request_duration` is not).
 */
export function toOpenMetrics(text: string): string {
  const counters = new Set<string>();
  for (const m of text.matchAll(/^# TYPE (\S+)_total counter$/gm)) counters.add(m[1]!);
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const meta = /^# (HELP|TYPE|UNIT) (\S+)( .*)?$/.exec(line);
    if (!meta) {
      out.push(line);
      continue;
    }
    const [, kind, name, rest = ''] = meta as unknown as [string, string, string, string | undefined];
    if (kind === 'UNIT' && !name.endsWith(`_${rest.trim()}`)) continue;
    const family = name.endsWith('_total') && counters.has(name.slice(0, -'_total'.length)) ? name.slice(0, -'_total'.length) : name;
    out.push(`# ${kind} ${family}${rest}`);
  }
  return out.join('\n');
}

/**
 * One page: prom-client's exposition followed by the OpenTelemetry families, in the scrape's format.
 * The two sets of names do not overlap (tests check that no family is declared twice).
 */
export function mergePages(promClient: string, otelText: string, openMetrics: boolean): string {
  if (!openMetrics) return `${promClient.replace(/\n*$/, '\n')}${otelText}`;
  const head = promClient.replace(/# EOF\n?$/, '').replace(/\n*$/, '\n');
  return `${head}${toOpenMetrics(otelText).replace(/\n*$/, '\n')}# EOF\n`;
}
