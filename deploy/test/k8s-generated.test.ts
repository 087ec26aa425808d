// The generated manifests of deploy/k8s/base/ have one source of truth each: the rule files of
// prometheus/rules/ and alerts/ (PrometheusRules) and grafana/dashboards/ (ConfigMaps).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { DASHBOARD_DIR, EXCLUDED_RULE_FILES, OUTPUT_DIR, RULE_SOURCES, dashboardFiles, render } from '../k8s/generate.ts';
import { parseObjects } from './k8s-schemas.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const committed = (name: string) => readFileSync(new URL(name, OUTPUT_DIR), 'utf8');

describe('generated Kubernetes manifests', () => {
  it('are committed as generated (node deploy/k8s/generate.ts)', () => {
    for (const [name, text] of render()) assert.equal(committed(name), text, `deploy/k8s/base/${name} is stale: run node deploy/k8s/generate.ts`);
  });

  it('cover every rule file of prometheus/rules/ and alerts/, or say why not', () => {
    const files = ['prometheus/rules/', 'alerts/'].flatMap((dir) =>
      readdirSync(new URL(dir, root)).filter((f) => f.endsWith('.rules.yml')).map((f) => `${dir}${f}`));
    const covered = [...RULE_SOURCES.map((s) => s.file), ...Object.keys(EXCLUDED_RULE_FILES)].sort();
    assert.deepEqual(covered, files.sort());
  });

  it('carry exactly the groups of the rule files, one PrometheusRule per file', () => {
    const rules = parseObjects(committed('prometheusrules.yaml'), 'prometheusrules.yaml');
    assert.equal(rules.length, RULE_SOURCES.length);
    for (const { file, name } of RULE_SOURCES) {
      const object = rules.find((r) => r.metadata.name === name) as { spec: { groups: unknown } } | undefined;
      assert.ok(object, `PrometheusRule ${name}`);
      assert.deepEqual(object.spec.groups, (parse(read(file)) as { groups: unknown }).groups, `${name} differs from ${file}`);
    }
  });

  it('carry every dashboard byte for byte in a ConfigMap the Grafana sidecar loads', () => {
    const maps = parseObjects(committed('grafana-dashboards.yaml'), 'grafana-dashboards.yaml') as unknown as Array<{ metadata: { labels?: Record<string, string> }; data: Record<string, string> }>;
    const files = dashboardFiles();
    assert.ok(files.length >= 3);
    assert.equal(maps.length, files.length);
    for (const file of files) {
      const map = maps.find((m) => file in m.data);
      assert.ok(map, `a ConfigMap for ${file}`);
      assert.equal(map.data[file], read(`${DASHBOARD_DIR}${file}`));
      assert.equal(map.metadata.labels?.grafana_dashboard, '1');
      JSON.parse(map.data[file]!);
    }
    // A ConfigMap holds at most 1 MiB, and client-side `kubectl apply` keeps a copy in a 256 KiB annotation.
    for (const map of maps) assert.ok(JSON.stringify(map.data).length < 256 * 1024);
  });
});
