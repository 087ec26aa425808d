// Conventions every panel of every dashboard follows, checked on the generated JSON.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DATASOURCE_UID, DEFAULT_JOB } from '../src/provisioning.ts';
import { dashboards } from '../src/index.ts';

type Target = { refId?: string; expr?: string; datasource?: { type?: string; uid?: string } };
type Panel = {
  id?: number;
  type?: string;
  title?: string;
  description?: string;
  datasource?: { type?: string; uid?: string };
  fieldConfig?: { defaults?: { unit?: string } };
  gridPos?: { x: number; y: number; w: number; h: number };
  targets?: Target[];
  panels?: Panel[];
  collapsed?: boolean;
};
type Variable = { name: string; type: string; query?: unknown; current?: { value?: unknown }; multi?: boolean; includeAll?: boolean; allValue?: string; datasource?: { uid?: string } };

const all = dashboards().map(({ dashboard }) => ({
  title: dashboard.title ?? '',
  panels: (dashboard.panels ?? []) as Panel[],
  variables: (dashboard.templating?.list ?? []) as Variable[],
}));

const visible = (panels: Panel[]) => panels.filter((p) => p.type !== 'row');

test('the three dashboards are there', () => {
  assert.deepEqual(all.map((d) => d.title), [
    'Chitti Compute / Service overview',
    'Chitti Compute / Kernels',
    'Chitti Compute / Node.js runtime',
  ]);
});

test('every panel has a title, a description, a unit and at least one query', () => {
  for (const d of all) {
    for (const p of visible(d.panels)) {
      const name = `${d.title} / ${p.title}`;
      assert.ok(p.title && p.title.trim().length > 0, `untitled panel in ${d.title}`);
      assert.ok(p.description && p.description.trim().length >= 20, `${name}: description`);
      assert.ok(p.fieldConfig?.defaults?.unit, `${name}: unit`);
      assert.ok((p.targets ?? []).length > 0, `${name}: no query`);
    }
  }
});

test('panel titles are unique within a dashboard', () => {
  for (const d of all) {
    const titles = visible(d.panels).map((p) => p.title);
    assert.equal(new Set(titles).size, titles.length, d.title);
  }
});

test('every panel and every query reads from the datasource variable', () => {
  for (const d of all) {
    for (const p of visible(d.panels)) {
      assert.deepEqual(p.datasource, { type: 'prometheus', uid: '${datasource}' }, `${d.title} / ${p.title}`);
      for (const t of p.targets ?? []) {
        assert.deepEqual(t.datasource, { type: 'prometheus', uid: '${datasource}' }, `${d.title} / ${p.title} / ${t.refId}`);
      }
      const refIds = (p.targets ?? []).map((t) => t.refId);
      assert.equal(new Set(refIds).size, refIds.length, `${d.title} / ${p.title}: duplicate refId`);
    }
  }
});

test('variables: datasource (prometheus, provisioned uid), job (default chitti-compute), instance (multi, All)', () => {
  for (const d of all) {
    const byName = new Map(d.variables.map((v) => [v.name, v]));
    assert.deepEqual([...byName.keys()], ['datasource', 'job', 'instance'], d.title);
    const ds = byName.get('datasource');
    assert.equal(ds?.type, 'datasource');
    assert.equal(ds?.query, 'prometheus');
    assert.equal(ds?.current?.value, DATASOURCE_UID);
    const job = byName.get('job');
    assert.equal(job?.type, 'query');
    assert.equal(job?.current?.value, DEFAULT_JOB);
    assert.equal(job?.datasource?.uid, '${datasource}');
    const instance = byName.get('instance');
    assert.equal(instance?.multi, true);
    assert.equal(instance?.includeAll, true);
    assert.equal(instance?.allValue, '.*');
    assert.match(String(instance?.query), /job=~"\$job"/);
  }
});

test('rows are expanded with their panels after them, ids are unique, the grid has no overlap', () => {
  for (const d of all) {
    const ids = d.panels.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length, `${d.title}: duplicate panel ids`);
    assert.equal(d.panels[0]?.type, 'row', `${d.title} starts with a row`);
    const cells = new Set<string>();
    for (const p of d.panels) {
      if (p.type === 'row') {
        assert.equal(p.collapsed, false, `${d.title} / ${p.title}`);
        assert.deepEqual(p.panels, [], `${d.title} / ${p.title}: an expanded row lists no panels`);
      }
      const g = p.gridPos;
      assert.ok(g, `${d.title} / ${p.title}: gridPos`);
      assert.ok(g.x >= 0 && g.w > 0 && g.x + g.w <= 24 && g.h > 0, `${d.title} / ${p.title}: ${JSON.stringify(g)}`);
      for (let x = g.x; x < g.x + g.w; x++) {
        for (let y = g.y; y < g.y + g.h; y++) {
          const cell = `${x},${y}`;
          assert.ok(!cells.has(cell), `${d.title} / ${p.title} overlaps at ${cell}`);
          cells.add(cell);
        }
      }
    }
  }
});

test('the issue\'s panels exist', () => {
  const titles = (i: number) => visible(all[i]?.panels ?? []).map((p) => `${p.type}: ${p.title}`);
  const expect = (i: number, patterns: RegExp[]) => {
    for (const re of patterns) assert.ok(titles(i).some((t) => re.test(t)), `${all[i]?.title}: no panel matching ${re}`);
  };
  expect(0, [/^timeseries: Request rate by route/, /Error ratio/, /p50, p90 and p99|Latency quantiles/, /^heatmap: /, /burn rate/, /error budget left/, /Active connections/, /Firing alerts/]);
  expect(1, [/Compute time p50/, /Compute time p99/, /Data points per second/, /^heatmap: Input size/, /speedup/i, /SIMD status/, /^table: Build/]);
  expect(2, [/CPU/, /Resident memory/, /V8 heap/, /Event-loop lag/, /GC/, /Active handles/, /Restarts/]);
});
