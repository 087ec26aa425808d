import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { kernelStatus } from '@chitti/kernels';
import { f64le, prices, start, type Harness } from './helpers.ts';
import { startService } from './process.ts';

// Low thresholds so modest bodies take the worker path; `main` computes everything on the main thread.
let pooled: Harness;
let main: Harness;
before(async () => {
  pooled = await start({ workers: { threads: 1, jsonBytes: 20_000, binaryPoints: 2_000, queue: 4 } });
  main = await start({ workers: { threads: 0 } });
});
after(async () => {
  await pooled.close();
  await main.close();
});

const close = prices(5_000, 7);
const metric = async (h: Harness, re: RegExp) => Number(re.exec(await (await fetch(`${h.adminUrl}/metrics`)).text())?.[1] ?? 0);

test('large JSON, binary and batch requests computed in a worker equal the main thread, byte for byte', async () => {
  const cases = [
    { path: '/v1/indicators/bbands', json: { inputs: { close }, params: { period: 20 } } },
    { path: '/v1/batch', json: { series: { A: { close }, B: { close: close.map((c) => c * 2) } }, specs: [{ id: 'ema', params: { period: 9 } }, { id: 'macd' }] } },
  ];
  for (const c of cases) {
    const [a, b] = await Promise.all([pooled.call('tcp', c.path, { json: c.json }), main.call('tcp', c.path, { json: c.json })]);
    assert.equal(a.status, 200, a.text());
    assert.equal(a.text(), b.text(), c.path);
  }
  const bin = { headers: { 'content-type': 'application/octet-stream' }, body: f64le(close) };
  const [a, b] = await Promise.all([pooled.call('unix', '/v1/indicators/rsi?period=14', bin), main.call('unix', '/v1/indicators/rsi?period=14', bin)]);
  assert.equal(a.status, 200);
  assert.deepEqual(a.body, b.body);
  for (const h of ['chitti-lookback', 'chitti-params', 'chitti-outputs', 'chitti-points', 'chitti-kernel']) assert.equal(a.headers[h], b.headers[h], h);
});

test('problems found in a worker are the same problems (status, type, pointer, index)', async () => {
  const bad = [...close];
  (bad as unknown[])[4321] = 'x';
  const cases: { path: string; init: Parameters<Harness['call']>[2] }[] = [
    { path: '/v1/indicators/sma', init: { json: { inputs: { close: bad } } } },
    { path: '/v1/indicators/sma', init: { json: { inputs: { close }, params: { period: 0 } } } },
    { path: '/v1/indicators/sma', init: { headers: { 'content-type': 'application/json' }, body: `{"inputs":{"close":${JSON.stringify(close)},"close":[1]}}` } },
    { path: '/v1/batch', init: { json: { series: { A: { close } }, specs: [{ id: 'nope' }] } } },
    { path: '/v1/indicators/sma?period=0', init: { headers: { 'content-type': 'application/octet-stream' }, body: f64le(close) } },
    { path: '/v1/indicators/sma', init: { headers: { 'content-type': 'application/json' }, body: Buffer.concat([Buffer.from(`{"inputs":{"close":${JSON.stringify(close)}}}`), Buffer.from([0xff])]) } },
  ];
  for (const c of cases) {
    const [a, b] = await Promise.all([pooled.call('tcp', c.path, c.init), main.call('tcp', c.path, c.init)]);
    assert.ok(a.status >= 400 && a.status < 500, a.text());
    const { requestId: _a, ...pa } = a.json();
    const { requestId: _b, ...pb } = b.json();
    assert.deepEqual(pa, pb);
  }
});

test('kernel calls made in workers are recorded in the indicator histograms', async () => {
  const re = /^chitti_compute_indicator_duration_seconds_count\{indicator="dema",kernel="[^"]+"\} (\S+)$/m;
  const before = await metric(pooled, re);
  const res = await pooled.call('tcp', '/v1/indicators/dema', { json: { inputs: { close } } });
  assert.equal(res.status, 200);
  assert.equal(await metric(pooled, re), before + 1);
  if (kernelStatus().kernel === 'wasm-simd') assert.ok((await metric(pooled, /^chitti_compute_wasm_memory_bytes\{thread="workers"\} (\S+)$/m)) > 0, 'worker WebAssembly memory reported');
  const heapUsed = await metric(pooled, /^chitti_compute_worker_heap_bytes\{kind="used"\} (\S+)$/m);
  const heapTotal = await metric(pooled, /^chitti_compute_worker_heap_bytes\{kind="total"\} (\S+)$/m);
  assert.ok(heapUsed > 0 && heapTotal >= heapUsed, `worker heap reported (used ${heapUsed}, total ${heapTotal})`);
});

test('past WORKER_QUEUE, large requests get 503 overloaded with Retry-After while small ones are served', async () => {
  const h = await start({ workers: { threads: 1, jsonBytes: 100_000, queue: 1 } });
  try {
    const big = { inputs: { close: prices(300_000, 3) }, params: { period: 30 } };
    const small = await Promise.all([
      ...Array.from({ length: 6 }, () => h.call('tcp', '/v1/indicators/ema', { json: big })),
      h.call('tcp', '/v1/indicators/ema', { json: { inputs: { close: [1, 2, 3] }, params: { period: 2 } } }),
    ]);
    const statuses = small.map((r) => r.status);
    assert.equal(statuses.at(-1), 200, 'the small request is served');
    const refused = small.filter((r) => r.status === 503);
    assert.ok(refused.length >= 1, `some large requests refused: ${statuses}`);
    assert.ok(statuses.slice(0, 6).filter((s) => s === 200).length >= 2, `and some served: ${statuses}`);
    for (const r of refused) {
      assert.equal(r.json().code, 'QUEUE_FULL');
      assert.equal(r.headers['retry-after'], '1');
    }
  } finally {
    await h.close();
  }
});

test('closing the app terminates the pool', async () => {
  const h = await start({ workers: { threads: 1 } });
  const offload = h.app.chitti.offload;
  await h.close();
  await assert.rejects(offload.run(ROOT_CONTEXT, { kind: 'batch', body: new Uint8Array(2), limits: h.app.chitti.limits }));
});

const workerMetric = async (h: Harness, sample: string) =>
  Number(new RegExp(`^${sample.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(await (await fetch(`${h.adminUrl}/metrics`)).text())?.[1]);

test('deeply nested JSON is refused before parsing, in a worker and on the main thread: 400 JSON_TOO_DEEP, no heap spent', async () => {
  const depth = 2_000_000; // 4 MB of brackets: about 2 GB of heap once parsed into nested arrays
  const body = `{"inputs":{"close":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
  for (const h of [pooled, main]) {
    const res = await h.call('tcp', '/v1/indicators/sma', { headers: { 'content-type': 'application/json' }, body });
    assert.equal(res.status, 400, res.text());
    assert.equal(res.json().code, 'JSON_TOO_DEEP');
    const small = `{"inputs":{"close":${'['.repeat(17)}1${']'.repeat(17)}}}`;
    assert.equal((await h.call('tcp', '/v1/indicators/sma', { headers: { 'content-type': 'application/json' }, body: small })).json().code, 'JSON_TOO_DEEP');
  }
  const used = await workerMetric(pooled, 'chitti_compute_worker_heap_bytes{kind="used"}');
  assert.ok(used < 64 * 2 ** 20, `worker heap used ${Math.round(used / 2 ** 20)} MiB`);
});

test('a request that needs more than WORKER_MAX_HEAP_MB fails with 413 WORKER_MEMORY; the worker is replaced, the process lives on', async () => {
  // In a child process: Node may abort the whole process rather than the worker for some allocation
  // shapes (nodejs/node#47224), and that must show as a failed test, not a dead test runner.
  const svc = await startService({ WORKER_THREADS: '1', WORKER_JSON_BYTES: '10000', WORKER_MAX_HEAP_MB: '48', COMPUTE_SOCKET: '' });
  const post = async (path: string, json: unknown) => {
    const res = await fetch(`http://127.0.0.1:${svc.port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  try {
    // 400 series of 5,000 points, three outputs each: far more than 48 MiB of worker heap.
    const series = Object.fromEntries(Array.from({ length: 400 }, (_, k) => [`s${k}`, { close: prices(5_000, k + 1) }]));
    const res = await post('/v1/batch', { series, specs: [{ id: 'bbands' }] });
    assert.equal(res.status, 413, JSON.stringify(res.body));
    assert.equal(res.body.code, 'WORKER_MEMORY');
    assert.match(res.body.detail, /WORKER_MAX_HEAP_MB/);
    const ok = await post('/v1/indicators/ema', { inputs: { close: prices(2_000, 2) }, params: { period: 5 } });
    assert.equal(ok.status, 200);
    const text = await (await fetch(`http://127.0.0.1:${svc.metricsPort}/metrics`)).text();
    assert.match(text, /^chitti_compute_worker_replacements_total\{reason="out_of_memory"\} 1$/m);
    assert.equal(svc.child.exitCode, null, 'the process is alive');
  } finally {
    svc.cleanup();
  }
});

test('a worker whose heap grew past WORKER_RECYCLE_HEAP_MB is replaced once idle; requests keep being served', async () => {
  const h = await start({ workers: { threads: 1, jsonBytes: 10_000, recycleHeapMb: 48, queue: 4 } });
  try {
    const ema = (n: number) => h.call('tcp', '/v1/indicators/ema', { json: { inputs: { close: prices(n, 3) }, params: { period: 10 } } });
    assert.equal((await ema(2_000)).status, 200);
    assert.equal(await workerMetric(h, 'chitti_compute_worker_replacements_total{reason="heap_grown"}'), 0, 'a small task leaves the heap small (about 34 MiB)');
    // The generic JSON path (a batch): about 80 MiB of heap at its end. (A single indicator's body
    // takes the fast path, src/json-fast/, whose arrays and text live outside the V8 heap.)
    const large = await h.call('tcp', '/v1/batch', { json: { series: { a: { close: prices(1_000_000, 3) } }, specs: [{ id: 'ema', params: { period: 10 } }] } });
    assert.equal(large.status, 200);
    let replaced = 0;
    for (let i = 0; i < 100 && replaced === 0; i++, await new Promise((r) => setTimeout(r, 20))) replaced = await workerMetric(h, 'chitti_compute_worker_replacements_total{reason="heap_grown"}');
    assert.equal(replaced, 1);
    const after = await Promise.all([ema(2_000), ema(3_000)]);
    assert.deepEqual(after.map((r) => r.status), [200, 200]);
  } finally {
    await h.close();
  }
});
