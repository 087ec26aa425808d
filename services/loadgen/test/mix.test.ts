import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BodyCache, FAULT_HEADER, INDICATORS, KIND_WEIGHTS, type MixConfig, nextRequest, type PlannedRequest, SIZES, SLOW_SIZE } from '../src/mix.ts';
import { createRng } from '../src/rng.ts';

function sample(config: MixConfig, n = 20_000, seed = 7): PlannedRequest[] {
  const rng = createRng(seed);
  const cache = new BodyCache(createRng(seed + 1));
  return Array.from({ length: n }, () => nextRequest(rng, cache, config));
}
const share = (reqs: PlannedRequest[], f: (r: PlannedRequest) => boolean) => reqs.filter(f).length / reqs.length;
const healthy: MixConfig = { invalidShare: 0.03, fault: 'none', faultShare: 0.2 };

describe('traffic mix', () => {
  const reqs = sample(healthy);

  test('is reproducible for a seed', () => {
    const a = sample(healthy, 200, 3).map((r) => [r.method, r.path, r.points]);
    const b = sample(healthy, 200, 3).map((r) => [r.method, r.path, r.points]);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, sample(healthy, 200, 4).map((r) => [r.method, r.path, r.points]));
  });

  test('follows the configured shares', () => {
    assert.ok(Math.abs(share(reqs, (r) => r.kind === 'invalid') - 0.03) < 0.006, 'invalid share');
    const valid = reqs.filter((r) => r.kind !== 'invalid');
    const total = Object.values(KIND_WEIGHTS).reduce((a, b) => a + b, 0);
    for (const [kind, weight] of Object.entries(KIND_WEIGHTS)) {
      assert.ok(Math.abs(share(valid, (r) => r.kind === kind) - weight / total) < 0.015, kind);
    }
    assert.ok(reqs.every((r) => !(FAULT_HEADER in r.headers)), 'no fault header without FAULT');
  });

  test('sizes span 100 to 100k points, log-uniformly', () => {
    const indicator = reqs.filter((r) => r.kind === 'indicator-json' || r.kind === 'indicator-binary');
    const sizes = new Set(indicator.map((r) => r.points));
    assert.deepEqual([...sizes].sort((a, b) => a - b), [...SIZES]);
    // Each decade gets a similar share of the requests.
    const decade = (lo: number, hi: number) => share(indicator, (r) => r.points >= lo && r.points < hi);
    for (const [lo, hi] of [[100, 1_000], [1_000, 10_000], [10_000, 100_000]] as const) {
      assert.ok(Math.abs(decade(lo, hi) - 0.3) < 0.03, `${lo}..${hi}: ${decade(lo, hi)}`);
    }
    assert.ok(indicator.every((r) => r.points <= 100_000));
  });

  test('every indicator is requested, in JSON and in binary', () => {
    for (const { id } of INDICATORS) {
      assert.ok(reqs.some((r) => r.kind === 'indicator-json' && r.path === `/v1/indicators/${id}`), `${id} json`);
      assert.ok(reqs.some((r) => r.kind === 'indicator-binary' && r.path.startsWith(`/v1/indicators/${id}?`)), `${id} binary`);
    }
  });

  test('bodies are what the API expects', () => {
    for (const r of reqs.slice(0, 3_000)) {
      if (r.kind === 'indicator-json') {
        assert.equal(r.headers['content-type'], 'application/json');
        const body = JSON.parse(r.body as string) as { inputs: Record<string, number[]>; params: Record<string, number> };
        const spec = INDICATORS.find((i) => r.path === `/v1/indicators/${i.id}`)!;
        assert.deepEqual(Object.keys(body.inputs), spec.inputs ?? ['close'], spec.id);
        for (const series of Object.values(body.inputs)) {
          assert.equal(series.length, r.points);
          assert.ok(series.every((v) => Number.isFinite(v) && v > 0));
        }
        if (body.inputs.high) assert.ok(body.inputs.high.every((h, i) => h >= body.inputs.low![i]!), `${spec.id}: high >= low`);
        assert.deepEqual(Object.keys(body.params).sort(), Object.keys(spec.params()).sort());
      } else if (r.kind === 'indicator-binary') {
        assert.equal(r.headers['content-type'], 'application/octet-stream');
        assert.ok(Buffer.isBuffer(r.body));
        const spec = INDICATORS.find((i) => r.path.startsWith(`/v1/indicators/${i.id}?`))!;
        assert.equal(r.body.length, r.points * 8 * (spec.inputs ?? ['close']).length);
        const first = r.body.readDoubleLE(0);
        assert.ok(first > 0 && first < 1000);
        const query = new URLSearchParams(r.path.split('?')[1]);
        assert.ok([...query.values()].every((v) => Number.isFinite(Number(v))));
      } else if (r.kind === 'batch') {
        const body = JSON.parse(r.body as string) as { series: Record<string, { close: number[] }>; specs: { id: string }[] };
        assert.ok(Object.keys(body.series).length >= 1);
        assert.ok(Object.values(body.series).every((s) => s.close.length === r.points));
        assert.ok(body.specs.length >= 2);
        assert.equal(r.route, '/v1/batch');
      } else if (r.kind === 'list' || r.kind === 'openapi') {
        assert.equal(r.method, 'GET');
        assert.equal(r.body, undefined);
      }
    }
  });

  test('invalid requests are the mistakes clients make, and expect a 4xx', () => {
    const invalid = reqs.filter((r) => r.kind === 'invalid');
    assert.ok(invalid.every((r) => r.expect === '4xx'));
    const paths = new Set(invalid.map((r) => r.path));
    assert.equal(paths.size, 5, 'all five kinds of mistakes');
    const truncated = invalid.find((r) => r.path === '/v1/indicators/rsi')!;
    assert.throws(() => JSON.parse(truncated.body as string));
    const badParam = invalid.find((r) => r.path === '/v1/indicators/sma')!;
    assert.equal((JSON.parse(badParam.body as string) as { params: { period: number } }).params.period, 0);
    assert.equal(invalid.find((r) => r.path === '/v1/indicators/ema')!.headers['content-type'], 'text/csv');
    assert.ok(reqs.filter((r) => r.kind !== 'invalid').every((r) => r.expect === '2xx'));
  });
});

describe('fault injection', () => {
  test('FAULT=errors marks a share of the requests with the fault header', () => {
    const reqs = sample({ invalidShare: 0, fault: 'errors', faultShare: 0.25 });
    const marked = share(reqs, (r) => r.headers[FAULT_HEADER] === 'error');
    assert.ok(Math.abs(marked - 0.25) < 0.015, String(marked));
    assert.ok(reqs.every((r) => r.points <= 100_000), 'errors do not change sizes');
  });

  test('FAULT=slow sends a share of million-point series', () => {
    const reqs = sample({ invalidShare: 0, fault: 'slow', faultShare: 0.05 }, 20_000);
    const slow = reqs.filter((r) => r.points === SLOW_SIZE);
    const indicatorShare = (KIND_WEIGHTS['indicator-json'] + KIND_WEIGHTS['indicator-binary']) / Object.values(KIND_WEIGHTS).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(slow.length / reqs.length - 0.05 * indicatorShare) < 0.01, String(slow.length / reqs.length));
    assert.ok(slow.every((r) => r.route === '/v1/indicators/:id'));
    assert.ok(reqs.every((r) => !(FAULT_HEADER in r.headers)));
  });
});
