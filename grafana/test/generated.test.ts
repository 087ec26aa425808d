// The committed JSON under grafana/dashboards/ is what src/ generates: nobody edits it by hand,
// and nobody forgets to regenerate.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { dashboards, render } from '../src/index.ts';

const dir = join(import.meta.dirname, '..', 'dashboards');

test('every generated dashboard equals its committed JSON', () => {
  for (const { file, dashboard } of dashboards()) {
    const committed = readFileSync(join(dir, file), 'utf8');
    assert.ok(committed === render(dashboard), `${file} is stale: run \`npm run generate -w @chitti/grafana\` and commit it`);
  }
});

test('grafana/dashboards/ holds no dashboard that src/ does not generate', () => {
  const expected = dashboards().map((d) => d.file).sort();
  const present = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  assert.deepEqual(present, expected);
});

test('generation is deterministic', () => {
  assert.deepEqual(dashboards().map((d) => render(d.dashboard)), dashboards().map((d) => render(d.dashboard)));
});

test('dashboard uids are unique, stable and within Grafana\'s 40 characters', () => {
  const uids = dashboards().map((d) => d.dashboard.uid ?? '');
  assert.deepEqual(uids, ['chitti-overview', 'chitti-kernels', 'chitti-runtime']);
  for (const uid of uids) assert.ok(uid.length <= 40);
});
