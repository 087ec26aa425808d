// Counts the series of one replica once every route has answered every status the traffic can
// produce on both listeners, every indicator has run over JSON and binary, and garbage URLs and
// methods have been tried (they must not add series per URL): OpenTelemetry's share is bounded by
// the service's own request labels, and the whole count stays within the per-replica budget
// (monitoring/src/series-budget.ts, alert ChittiComputeSeriesOverBudget, docs/scaling.md).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { indicators } from '@chitti/kernels';
import { request } from 'undici';
import { SERIES_BUDGET, SERIES_PER_INDICATOR } from '../../../monitoring/src/series-budget.ts';
import { LARGE_REQUEST_BYTES } from '../src/metrics.ts';
import { f64le, inputsFor, start, type Harness } from './helpers.ts';

let h: Harness;
before(async () => {
  h = await start({ faultInjection: true, limits: { bodyBytes: 2 * LARGE_REQUEST_BYTES } });
});
after(() => h.close());

/** Series per family on a Prometheus text page (histogram samples counted under their family). */
function seriesByFamily(text: string): Map<string, number> {
  const families = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)![0].replace(/_(bucket|sum|count|created)$/, '');
    families.set(name, (families.get(name) ?? 0) + 1);
  }
  return families;
}

async function traffic(via: 'tcp' | 'unix', round: number): Promise<void> {
  const statuses = new Set<number>();
  const call = async (path: string, init?: Parameters<Harness['call']>[2]) => statuses.add((await h.call(via, path, init)).status);
  for (const d of indicators) {
    const inputs = inputsFor(d.inputs, 60);
    await call(`/v1/indicators/${d.id}`, { json: { inputs } });
    await call(`/v1/indicators/${d.id}`, { body: f64le(...d.inputs.map((n) => inputs[n]!)), headers: { 'content-type': 'application/octet-stream' } });
    await call(`/v1/indicators/${d.id}`);
  }
  const close = inputsFor(['close'], 40_000).close!;
  await call('/v1/indicators/sma', { body: JSON.stringify({ inputs: { close } }).padEnd(LARGE_REQUEST_BYTES + 10, ' '), headers: { 'content-type': 'application/json' } });
  await call('/v1/batch', { json: { series: { a: { close: close.slice(0, 50) } }, specs: [{ id: 'sma' }, { id: 'ema' }] } });
  await call('/v1/batch', { json: { series: {} } });
  await call('/v1/patterns', { json: {} });
  await call('/v1/indicators');
  await call('/v1/indicators', { method: 'HEAD' });
  await call('/openapi.json');
  await call('/problems/invalid-input');
  await call('/problems/nope');
  await call('/v1/indicators/nope', { json: {} });
  await call('/v1/indicators/sma', { json: { inputs: { close: [1, 'x'] } } });
  await call('/v1/indicators/sma', { body: '{', headers: { 'content-type': 'application/json' } });
  await call('/v1/indicators/sma', { body: 'x', headers: { 'content-type': 'text/plain' } });
  await call('/v1/indicators/sma', { body: 'x'.repeat(2 * LARGE_REQUEST_BYTES + 1), headers: { 'content-type': 'application/json' } });
  await call('/v1/indicators/sma', { json: { inputs: { close: [1, 2, 3] } }, headers: { 'x-chitti-fault': 'error' } });
  await call('/v1/stream');
  // Garbage: each URL and method must fall into the bounded sets, not add series of its own.
  for (let i = 0; i < 20; i++) await call(`/scan/${round}/${i}/${'z'.repeat(i)}?q=${i}`);
  for (const method of ['PROPFIND', 'MKCOL', 'PURGE'] as const) await call(`/v1/indicators/${method}/${round}`, { method });
  assert.ok(statuses.size >= 7, `statuses seen: ${[...statuses].sort().join(', ')}`);
}

/** Distinct label sets of a family's samples, without `le`. */
function labelSets(text: string, sample: string): Set<string> {
  const sets = new Set<string>();
  for (const m of text.matchAll(new RegExp(`^${sample}\\{([^}]*)\\} `, 'gm'))) sets.add(m[1]!.replace(/,?le="[^"]*"/, ''));
  return sets;
}

test('OpenTelemetry\'s series are bounded by the service\'s own request labels: 17 per route, method and status, per listener; new URLs and methods add none', async (t) => {
  await traffic('tcp', 0);
  await traffic('unix', 0);
  const first = seriesByFamily(await (await fetch(`${h.adminUrl}/metrics`)).text());
  // A second round of new garbage URLs and methods adds nothing: the label values are bounded.
  await traffic('tcp', 1);
  await traffic('unix', 1);
  const text = await (await fetch(`${h.adminUrl}/metrics`)).text();
  const families = seriesByFamily(text);
  // (Runtime families such as GC kinds appear as the runtime does things; they are bounded by Node.)
  const requestDriven = (name: string) => !/^(nodejs|process)_/.test(name);
  assert.deepEqual([...families].filter(([name, n]) => requestDriven(name) && first.get(name) !== n), [], 'series added by the second round');

  const requestSets = labelSets(text, 'chitti_compute_requests_total').size;
  const otelSets = labelSets(text, 'http_server_request_duration_count').size;
  const otel = (families.get('http_server_request_duration') ?? 0) + (families.get('target_info') ?? 0);
  // 14 boundaries + +Inf, _sum, _count per attribute set; TCP and the Unix socket are told apart.
  assert.equal(families.get('http_server_request_duration'), 17 * otelSets);
  assert.ok(otelSets <= 2 * requestSets, `${otelSets} OpenTelemetry attribute sets for ${requestSets} (route, method, status) sets`);
  assert.ok(otelSets >= requestSets, 'every answered request class is there');
  assert.equal(families.get('target_info'), 1);
  const routes = new Set([...text.matchAll(/http_route="([^"]*)"/g)].map((m) => m[1]));
  assert.deepEqual([...routes].filter((r) => !['/v1/indicators', '/v1/indicators/:id', '/v1/batch', '/v1/patterns', '/openapi.json', '/problems/:slug', '/v1/stream'].includes(r!)), []);

  const total = [...families.values()].reduce((a, b) => a + b, 0);
  t.diagnostic(`series: ${total} in ${families.size} families; OpenTelemetry ${otel} (${otelSets} attribute sets; prom-client's requests counter has ${requestSets}); per-replica budget ${SERIES_BUDGET}`);
  for (const [name, n] of [...families].sort((a, b) => b[1] - a[1]).slice(0, 5)) t.diagnostic(`${String(n).padStart(5)} ${name}`);
  // No more than prom-client's own request histogram (17 series per set, `size` split) per listener.
  assert.ok(otel - 1 <= 2 * (families.get('chitti_compute_request_duration_seconds') ?? 0), `${otel} OpenTelemetry series`);

  // The budget, at full use: every indicator has been called, so the count is not a fraction of it.
  const perIndicator = ['chitti_compute_indicator_duration_seconds', 'chitti_compute_indicator_data_points']
    .reduce((sum, f) => sum + (families.get(f) ?? 0), 0) / indicators.length;
  assert.ok(perIndicator <= SERIES_PER_INDICATOR, `${perIndicator} histogram series per indicator, budgeted ${SERIES_PER_INDICATOR}`);
  assert.ok(total <= SERIES_BUDGET, `${total} series on /metrics, budget ${SERIES_BUDGET}`);
  assert.ok(total > SERIES_BUDGET / 2, `${total} series: fewer than expected with every indicator in use`);
});
