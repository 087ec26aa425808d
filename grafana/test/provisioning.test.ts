// Provisioning files: the datasource uid the dashboards expect, the exemplar link, the dashboard
// path, and that the compose file mounts what the provider reads.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { DASHBOARDS_MOUNT, DATASOURCE_UID } from '../src/provisioning.ts';

const grafana = join(import.meta.dirname, '..');
const root = join(grafana, '..');
const load = (path: string): unknown => parse(readFileSync(path, 'utf8'));

type Datasources = {
  apiVersion: number;
  datasources: {
    name: string; type: string; uid: string; url: string; access: string; isDefault?: boolean;
    jsonData?: { exemplarTraceIdDestinations?: { name: string; url?: string; datasourceUid?: string }[] };
  }[];
};
type Providers = { apiVersion: number; providers: { type: string; options: { path: string } }[] };

const datasources = load(join(grafana, 'provisioning/datasources/prometheus.yml')) as Datasources;
const providers = load(join(grafana, 'provisioning/dashboards/chitti.yml')) as Providers;

test('the Prometheus datasource has the fixed uid and is the default', () => {
  assert.equal(datasources.apiVersion, 1);
  const prometheus = datasources.datasources.filter((d) => d.type === 'prometheus');
  assert.equal(prometheus.length, 1);
  const ds = prometheus[0];
  assert.equal(ds?.uid, DATASOURCE_UID);
  assert.equal(ds?.name, 'Prometheus');
  assert.equal(ds?.access, 'proxy');
  assert.equal(ds?.url, 'http://prometheus:9090');
  assert.equal(ds?.isDefault, true);
});

test('exemplars link their trace_id label to a trace', () => {
  const links = datasources.datasources[0]?.jsonData?.exemplarTraceIdDestinations ?? [];
  const link = links.find((l) => l.name === 'trace_id');
  assert.ok(link, 'no exemplar destination for trace_id');
  assert.ok(link.url || link.datasourceUid, 'the destination needs a url or a datasourceUid');
  // `$$` keeps Grafana's environment expansion away from its own ${__value.raw}.
  if (link.url) assert.ok(link.url.includes('$${__value.raw}'), link.url);
});

test('the dashboard provider reads files from the documented path', () => {
  assert.equal(providers.apiVersion, 1);
  assert.equal(providers.providers.length, 1);
  assert.equal(providers.providers[0]?.type, 'file');
  assert.equal(providers.providers[0]?.options.path, DASHBOARDS_MOUNT);
});

test('docker-compose.yml mounts the provisioning and dashboards where Grafana reads them', () => {
  const doc = load(join(root, 'docker-compose.yml')) as { services?: Record<string, { volumes?: string[] }> };
  const volumes = (doc.services?.['grafana']?.volumes ?? []).map((v) => v.replace(/:ro$/, ''));
  assert.ok(volumes.includes('./grafana/provisioning:/etc/grafana/provisioning'), volumes.join(', '));
  assert.ok(volumes.includes(`./grafana/dashboards:${DASHBOARDS_MOUNT}`), volumes.join(', '));
});
