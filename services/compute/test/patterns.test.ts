// POST /v1/patterns over a real socket: one series and a panel equal the library's scanner, large
// bodies scanned in a worker give the same answer, bad bodies get problem+json 4xx naming the field,
// the limits hold, and the scanner is counted in the metrics as the indicator "patterns".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { patternIds, scanPatterns } from '@chitti/kernels';
import { start, type Harness } from './helpers.ts';

let h: Harness;
let pooled: Harness;
before(async () => {
  h = await start({ workers: { threads: 0 } });
  pooled = await start({ workers: { threads: 1, jsonBytes: 20_000, queue: 4 } });
});
after(async () => {
  await h.close();
  await pooled.close();
});

/** OHLC on a quarter grid with dojis, gaps and runs, so that patterns fire. */
function ohlc(n: number, seed: number): Record<'open' | 'high' | 'low' | 'close', number[]> {
  let s = seed;
  const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const q = (x: number) => Math.round(x * 4) / 4;
  const out = { open: [] as number[], high: [] as number[], low: [] as number[], close: [] as number[] };
  let c = 100;
  for (let i = 0; i < n; i++) {
    const o = q(c + (r() < 0.2 ? (r() - 0.5) * 12 : (r() - 0.5) * 2));
    c = r() < 0.25 ? o : q(o + (r() - 0.5) * 10);
    out.open.push(o);
    out.close.push(c);
    out.high.push(Math.max(o, c) + (r() < 0.3 ? 0 : q(r() * 4)));
    out.low.push(Math.min(o, c) - (r() < 0.3 ? 0 : q(r() * 4)));
  }
  return out;
}

async function kernelCalls(harness: Harness, indicator: string): Promise<number> {
  const text = await (await fetch(`${harness.adminUrl}/metrics`)).text();
  const m = new RegExp(`^chitti_compute_indicator_data_points_count\\{indicator="${indicator}"\\} (\\d+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

function problem(res: { status: number; headers: Record<string, unknown>; json(): any }, status: number, code: string, pointer?: string): void {
  assert.equal(res.status, status, JSON.stringify(res.json()));
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const body = res.json();
  assert.equal(body.code, code, JSON.stringify(body));
  if (pointer !== undefined) assert.equal(body.pointer, pointer, JSON.stringify(body));
}

test('one series: every pattern, equal to the library scanner; counted as the indicator "patterns"', async () => {
  const inputs = ohlc(600, 3);
  const before = await kernelCalls(h, 'patterns');
  for (const via of ['tcp', 'unix'] as const) {
    const res = await h.call(via, '/v1/patterns', { json: { inputs } });
    assert.equal(res.status, 200, res.text());
    const body = res.json();
    assert.deepEqual(body, JSON.parse(JSON.stringify(scanPatterns(inputs))));
    assert.deepEqual(Object.keys(body.patterns), [...patternIds]);
    assert.ok(Object.values(body.patterns).some((p: any) => p.bars.length > 0), 'some pattern fires');
  }
  assert.equal(await kernelCalls(h, 'patterns'), before + 2);
});

test('a panel by symbol, a chosen set and a penetration', async () => {
  const series = { AAPL: ohlc(400, 5), MSFT: ohlc(250, 6) };
  const patterns = ['CDLENGULFING', 'cdlmorningstar', 'cdlharami'];
  const res = await h.call('tcp', '/v1/patterns', { json: { series, patterns, penetration: 0.2 } });
  assert.equal(res.status, 200, res.text());
  const body = res.json();
  assert.deepEqual(Object.keys(body.series), ['AAPL', 'MSFT']);
  for (const key of ['AAPL', 'MSFT'] as const) {
    assert.deepEqual(body.series[key], JSON.parse(JSON.stringify(scanPatterns(series[key], { patterns, penetration: 0.2 }))));
  }
});

test('a large body is scanned in a worker with the same answer, and counted', async () => {
  const inputs = ohlc(3000, 9);
  const before = await kernelCalls(pooled, 'patterns');
  const res = await pooled.call('tcp', '/v1/patterns', { json: { inputs, patterns: ['cdldoji', 'cdlhikkake'] } });
  assert.equal(res.status, 200, res.text());
  assert.deepEqual(res.json(), JSON.parse(JSON.stringify(scanPatterns(inputs, { patterns: ['cdldoji', 'cdlhikkake'] }))));
  assert.equal(await kernelCalls(pooled, 'patterns'), before + 1);
});

test('bad bodies: problem+json naming the field', async () => {
  const inputs = ohlc(50, 1);
  problem(await h.call('tcp', '/v1/patterns', { json: { inputs, patterns: ['cdldoji', 'nope'] } }), 422, 'UNKNOWN_INDICATOR', 'patterns[1]');
  problem(await h.call('tcp', '/v1/patterns', { json: { inputs, penetration: -1 } }), 422, 'PARAM_OUT_OF_RANGE', 'penetration');
  problem(await h.call('tcp', '/v1/patterns', { json: { inputs: { ...inputs, close: inputs.close.slice(1) } } }), 422, 'LENGTH_MISMATCH');
  const { low: _low, ...noLow } = inputs;
  problem(await h.call('tcp', '/v1/patterns', { json: { series: { X: noLow } } }), 422, 'MISSING_INPUT', 'series.X.low');
  problem(await h.call('tcp', '/v1/patterns', { json: { inputs, series: { X: inputs } } }), 400, 'ONE_OF_INPUTS_OR_SERIES');
  problem(await h.call('tcp', '/v1/patterns', { json: {} }), 400, 'ONE_OF_INPUTS_OR_SERIES');
  const bad = await h.call('tcp', '/v1/patterns', { json: { inputs, extra: 1 } });
  assert.equal(bad.status, 400);
  assert.match(String(bad.headers['content-type']), /^application\/problem\+json/);
  const notJson = await h.call('tcp', '/v1/patterns', { body: '{"inputs":', headers: { 'content-type': 'application/json' } });
  assert.equal(notJson.status, 400);
  problem(await h.call('tcp', '/v1/patterns', { body: Buffer.alloc(64), headers: { 'content-type': 'application/octet-stream' } }), 415, 'JSON_ONLY');
});

test('limits: points per series, bars times patterns, series per panel', async () => {
  const small = await start({ workers: { threads: 0 }, limits: { pointsPerSeries: 100, outputValues: 1_000, batchSeries: 2 } });
  try {
    const inputs = ohlc(101, 2);
    problem(await small.call('tcp', '/v1/patterns', { json: { inputs } }), 413, 'TOO_MANY_POINTS', 'inputs.open');
    problem(await small.call('tcp', '/v1/patterns', { json: { inputs: ohlc(60, 2) } }), 413, 'TOO_MANY_OUTPUT_VALUES');
    assert.equal((await small.call('tcp', '/v1/patterns', { json: { inputs: ohlc(60, 2), patterns: ['cdldoji'] } })).status, 200);
    problem(await small.call('tcp', '/v1/patterns', { json: { series: { A: ohlc(5, 1), B: ohlc(5, 2), C: ohlc(5, 3) }, patterns: ['cdldoji'] } }), 413, 'TOO_MANY_SERIES', 'series');
  } finally {
    await small.close();
  }
});
