// The per-replica series budget (monitoring/src/series-budget.ts, alert ChittiComputeSeriesOverBudget)
// against a real count: every indicator over JSON and binary, a batch, a large body, the usual 4xx,
// then the series on /metrics. Fails when a new label dimension (or a histogram's buckets) outgrows it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { indicators } from '@chitti/kernels';
import { SERIES_BUDGET, SERIES_PER_INDICATOR } from '../../../monitoring/src/series-budget.ts';
import { inputsFor, start, type Harness } from './helpers.ts';

let h: Harness;
before(async () => (h = await start({ limits: { bodyBytes: 4 * 1024 * 1024 } })));
after(() => h.close());

/** Series per family (buckets, sums and counts folded into their histogram). */
function seriesByFamily(text: string): Map<string, number> {
  const families = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)![0].replace(/_(bucket|sum|count|created)$/, '');
    families.set(name, (families.get(name) ?? 0) + 1);
  }
  return families;
}

test('one replica with every label value seen stays within the series budget', async () => {
  for (const def of indicators) {
    const inputs = inputsFor(def.inputs, 300);
    const json = await h.call('tcp', `/v1/indicators/${def.id}`, { json: { inputs } });
    assert.equal(json.status, 200, `${def.id}: ${json.text()}`);
    const bytes = Buffer.concat(def.inputs.map((name) => Buffer.from(new Float64Array(inputs[name]!).buffer)));
    const binary = await h.call('tcp', `/v1/indicators/${def.id}`, { body: bytes, headers: { 'content-type': 'application/octet-stream' } });
    assert.equal(binary.status, 200, `${def.id} binary: ${binary.text()}`);
  }
  // A body over the size label's 256 KiB threshold, a batch, the usual client errors.
  assert.equal((await h.call('tcp', '/v1/indicators/sma', { json: { inputs: inputsFor(['close'], 40_000) } })).status, 200);
  assert.equal((await h.call('tcp', '/v1/batch', { json: { series: { A: inputsFor(['close'], 100) }, specs: [{ id: 'sma' }, { id: 'ema' }] } })).status, 200);
  for (const [path, init, status] of [
    ['/v1/indicators/nope', { json: {} }, 404],
    ['/v1/indicators/sma', { body: '{"inputs":{"close":[1,"x"]}}', headers: { 'content-type': 'application/json' } }, 422],
    ['/v1/indicators/sma', { body: '{', headers: { 'content-type': 'application/json' } }, 400],
    ['/v1/indicators/sma', { body: 'x', headers: { 'content-type': 'text/plain' } }, 415],
    ['/no/such/route', {}, 404],
  ] as const) {
    assert.equal((await h.call('tcp', path, init)).status, status, path);
  }
  const families = seriesByFamily(await (await fetch(`${h.adminUrl}/metrics`)).text());
  const total = [...families.values()].reduce((a, b) => a + b, 0);
  const perIndicator = ['chitti_compute_indicator_duration_seconds', 'chitti_compute_indicator_data_points']
    .reduce((sum, f) => sum + (families.get(f) ?? 0), 0) / indicators.length;
  assert.ok(perIndicator <= SERIES_PER_INDICATOR, `${perIndicator} histogram series per indicator, budgeted ${SERIES_PER_INDICATOR}`);
  assert.ok(total <= SERIES_BUDGET, `${total} series on /metrics, budget ${SERIES_BUDGET}: ${[...families].sort((a, b) => b[1] - a[1]).slice(0, 5).join('; ')}`);
  // Every indicator was counted: the budget is tested at full use, not at a fraction of it.
  assert.ok(total > SERIES_BUDGET / 2, `${total} series: fewer than expected with every indicator in use`);
});
