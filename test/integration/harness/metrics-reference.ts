// Reads the metrics reference (services/compute/METRICS.md): the families the service promises, with
// their type and label names, from the tables of its "Service metrics", "OpenTelemetry metrics" and
// "Runtime metrics" sections.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';

export interface DocumentedFamily {
  /** The name PromQL uses for the family (counters with `_total`), as the reference writes it. */
  name: string;
  type: MetricType;
  labels: string[];
  /** `otel`: recorded with the OpenTelemetry SDK, serialised by @opentelemetry/exporter-prometheus. */
  section: 'service' | 'otel' | 'runtime';
}

const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary']);
const ticked = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

export function parseMetricsReference(markdown: string): DocumentedFamily[] {
  const families: DocumentedFamily[] = [];
  let section: DocumentedFamily['section'] | null = null;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) {
      section = /^## Service metrics/.test(line) ? 'service' : /^## OpenTelemetry metrics/.test(line) ? 'otel' : /^## Runtime metrics/.test(line) ? 'runtime' : null;
      continue;
    }
    if (section === null || !line.startsWith('|')) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const type = cells[1] ?? '';
    if (!TYPES.has(type)) continue; // header, separator, or another table (e.g. the `type` label values)
    const labels = ticked(cells[2] ?? '');
    for (const name of ticked(cells[0] ?? '')) families.push({ name, type: type as MetricType, labels, section });
  }
  return families;
}

export function loadMetricsReference(): DocumentedFamily[] {
  return parseMetricsReference(readFileSync(join(repoRoot, 'services/compute/METRICS.md'), 'utf8'));
}

/**
 * Names under which a family's samples appear: counters as written (`…_total`), histograms as
 * `_bucket`/`_sum`/`_count` (plus `_created` in OpenMetrics), gauges as is.
 */
export function sampleNames(family: DocumentedFamily): string[] {
  if (family.type === 'histogram') return ['_bucket', '_sum', '_count'].map((s) => family.name + s);
  if (family.type === 'summary') return [family.name, `${family.name}_sum`, `${family.name}_count`];
  return [family.name];
}

/** The metadata name Prometheus may store a family under: OpenMetrics counters drop `_total`. */
export function metadataNames(family: DocumentedFamily): string[] {
  return family.type === 'counter' && family.name.endsWith('_total') ? [family.name, family.name.slice(0, -'_total'.length)] : [family.name];
}
