import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { indicators, kernelStatus } from '@chitti/kernels';
import { Agent, request } from 'undici';
import { LARGE_REQUEST_BYTES, requestSize } from '../src/metrics.ts';
import { startTelemetry } from '../src/telemetry.ts';
import { start, type Harness } from './helpers.ts';

startTelemetry({});
let h: Harness;
before(async () => {
  h = await start({ speedupIntervalSeconds: 0 });
  // Traffic: successes and errors on both listeners.
  for (const via of ['tcp', 'unix'] as const) {
    await h.call(via, '/v1/indicators');
    await h.call(via, '/v1/indicators/sma', { json: { inputs: { close: [1, 2, 3, 4] }, params: { period: 2 } } });
    await h.call(via, '/v1/indicators/sma', { json: { inputs: { close: [1, null] } } });
    await h.call(via, '/v1/batch', { json: { series: { a: { close: [1, 2, 3] }, b: { close: [3, 2, 1] } }, specs: [{ id: 'ema', params: { period: 2 } }] } });
  }
});
after(() => h.close());

const scrape = async (accept?: string) => {
  const res = await fetch(`${h.adminUrl}/metrics`, accept ? { headers: { accept } } : {});
  return { type: res.headers.get('content-type') ?? '', text: await res.text() };
};

/** `# TYPE` lines as name → type. */
function families(text: string): Map<string, string> {
  return new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** Label names of every sample of a family (bucket `le` included). */
function labelSets(text: string, sample: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(new RegExp(`^${sample}\\{([^}]*)\\} `, 'gm'))) {
    out.add([...m[1]!.matchAll(/(\w+)="/g)].map((l) => l[1]).sort().join(','));
  }
  return out;
}

const EXPECTED: [string, string, string[]][] = [
  ['chitti_compute_requests_total', 'counter', ['method', 'route', 'status_code']],
  ['chitti_compute_request_duration_seconds', 'histogram', ['method', 'route', 'size', 'status_code']],
  ['chitti_compute_indicator_duration_seconds', 'histogram', ['indicator', 'kernel']],
  ['chitti_compute_indicator_data_points', 'histogram', ['indicator']],
  ['chitti_compute_errors_total', 'counter', ['type']],
  ['chitti_compute_active_connections', 'gauge', ['listener']],
  ['chitti_compute_info', 'gauge', ['kernel', 'node_version', 'simd', 'version']],
  ['chitti_compute_indicator_speedup_ratio', 'gauge', ['indicator']],
  ['chitti_compute_wasm_memory_bytes', 'gauge', ['thread']],
  ['chitti_compute_worker_queue_depth', 'gauge', []],
  ['chitti_compute_worker_heap_bytes', 'gauge', ['kind']],
  ['chitti_compute_streams_active', 'gauge', []],
  ['chitti_compute_stream_updates_total', 'counter', ['indicator']],
  ['chitti_compute_stream_update_duration_seconds', 'histogram', []],
  ['chitti_compute_stream_connections', 'gauge', []],
  ['chitti_compute_stream_state_bytes', 'gauge', []],
  ['chitti_compute_stream_state_budget_bytes', 'gauge', []],
  ['chitti_compute_stream_errors_total', 'counter', ['code']],
  ['chitti_compute_connections_cut_total', 'counter', ['reason']],
  ['chitti_compute_worker_replacements_total', 'counter', ['reason']],
];

/** The speed-up loop runs off the request path; wait (bounded) for its first round. */
async function waitForSpeedup(): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const { text } = await scrape();
    if (indicators.every((d) => text.includes(`chitti_compute_indicator_speedup_ratio{indicator="${d.id}"}`))) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('speed-up gauge never appeared');
}

test('exactly the twenty chitti_compute_ families, with their types and label names', async () => {
  const text = kernelStatus().kernel === 'wasm-simd' ? await waitForSpeedup() : (await scrape()).text;
  const fams = families(text);
  const ours = [...fams.keys()].filter((n) => n.startsWith('chitti_compute_')).sort();
  assert.deepEqual(ours, EXPECTED.map((e) => e[0]).sort());
  for (const [name, type, labels] of EXPECTED) {
    assert.equal(fams.get(name), type, name);
    const sample = type === 'histogram' ? `${name}_bucket` : name;
    if (labels.length === 0) {
      const plain = type === 'histogram' ? `${name}_count` : name;
      assert.match(text, new RegExp(`^${plain} \\S+$`, 'm'), `${name} has one sample without labels`);
      continue;
    }
    const want = (type === 'histogram' ? [...labels, 'le'] : labels).sort().join(',');
    const sets = labelSets(text, sample);
    if (name === 'chitti_compute_indicator_speedup_ratio' && kernelStatus().kernel !== 'wasm-simd') continue;
    assert.deepEqual([...sets], [want], `${name} label names`);
  }
});

test('request durations carry the size class of the body: small below LARGE_REQUEST_BYTES, large from it', async () => {
  const count = (text: string, size: string) =>
    Number(new RegExp(`^chitti_compute_request_duration_seconds_count\\{route="/v1/indicators/:id",method="POST",status_code="200",size="${size}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const before = (await scrape()).text;
  // Just over the boundary, and just under it: the class follows the body's bytes, not its points.
  const pad = (bytes: number) => {
    const close = Array.from({ length: 10 }, (_, i) => i + 1);
    const base = JSON.stringify({ inputs: { close }, params: { period: 2 } });
    return `${base.slice(0, -1)}${' '.repeat(bytes - base.length)}}`;
  };
  for (const bytes of [LARGE_REQUEST_BYTES, LARGE_REQUEST_BYTES - 1]) {
    const body = pad(bytes);
    assert.equal(Buffer.byteLength(body), bytes);
    const res = await request(`${h.tcp}/v1/indicators/sma`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    assert.equal(res.statusCode, 200, await res.body.text());
  }
  const afterText = (await scrape()).text;
  assert.equal(count(afterText, 'large') - count(before, 'large'), 1);
  assert.equal(count(afterText, 'small') - count(before, 'small'), 1);
});

test('requestSize: Content-Length against LARGE_REQUEST_BYTES; absent or garbage is small', () => {
  assert.equal(requestSize(String(LARGE_REQUEST_BYTES)), 'large');
  assert.equal(requestSize(String(LARGE_REQUEST_BYTES - 1)), 'small');
  for (const v of [undefined, '', 'abc', '-5', 'Infinity']) assert.equal(requestSize(v), 'small', String(v));
});

test('request metrics use the route pattern, never the raw URL', async () => {
  const { text } = await scrape();
  assert.match(text, /^chitti_compute_requests_total\{route="\/v1\/indicators\/:id",method="POST",status_code="200"\} [1-9]/m);
  assert.match(text, /^chitti_compute_requests_total\{route="\/v1\/indicators\/:id",method="POST",status_code="422"\} [1-9]/m);
  assert.match(text, /^chitti_compute_requests_total\{route="\/v1\/batch",method="POST",status_code="200"\} 2$/m);
  assert.doesNotMatch(text, /route="\/v1\/indicators\/sma"/);
  await h.call('tcp', '/no/such/path/12345');
  assert.match((await scrape()).text, /route="unmatched",method="GET",status_code="404"/);
  assert.doesNotMatch((await scrape()).text, /12345/);
});

test('kernel metrics, info gauge, errors and runtime metrics', async () => {
  const { text } = await scrape();
  const kernel = kernelStatus().kernel;
  assert.match(text, new RegExp(`^chitti_compute_indicator_duration_seconds_count\\{indicator="sma",kernel="${kernel}"\\} [1-9]`, 'm'));
  assert.match(text, /^chitti_compute_indicator_data_points_sum\{indicator="ema"\} 12$/m, 'two batch panel calls of 2 series × 3 points');
  assert.match(text, new RegExp(`^chitti_compute_info\\{version="0\\.1\\.0",node_version="${process.version}",kernel="${kernel}",simd="(true|false)"\\} 1$`, 'm'));
  assert.match(text, /^chitti_compute_errors_total\{type="validation"\} 2$/m);
  for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_total_bytes', 'nodejs_gc_duration_seconds']) {
    assert.ok(families(text).has(name), name);
  }
  if (kernel === 'wasm-simd') {
    const ratio = Number(/^chitti_compute_indicator_speedup_ratio\{indicator="sma"\} (\S+)$/m.exec(await waitForSpeedup())?.[1]);
    assert.ok(Number.isFinite(ratio) && ratio > 0, `speed-up ratio ${ratio}`);
  }
});

test('active connections per listener', async () => {
  const agent = new Agent({ connect: { socketPath: h.socket }, keepAliveTimeout: 10_000 });
  try {
    const res = await request('http://localhost/v1/indicators', { dispatcher: agent });
    await res.body.arrayBuffer();
    const value = (text: string, l: string) => Number(new RegExp(`^chitti_compute_active_connections\\{listener="${l}"\\} (\\d+)$`, 'm').exec(text)?.[1]);
    const during = (await scrape()).text;
    assert.ok(value(during, 'unix') >= 1, 'the open keep-alive connection counts');
    await agent.close();
    for (let i = 0; i < 50 && value((await scrape()).text, 'unix') !== value(during, 'unix') - 1; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(value((await scrape()).text, 'unix'), value(during, 'unix') - 1);
  } finally {
    await agent.close().catch(() => undefined);
  }
});

test('OpenMetrics when the Accept header asks for it, with trace_id exemplars; Prometheus text otherwise', async () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  await h.call('tcp', '/v1/indicators/ema', { json: { inputs: { close: [1, 2, 3] } }, headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
  const om = await scrape('application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1');
  assert.match(om.type, /^application\/openmetrics-text; version=1\.0\.0/);
  assert.ok(om.text.endsWith('# EOF\n'));
  assert.match(om.text, new RegExp(`^chitti_compute_request_duration_seconds_bucket\\{le="[^"]+",route="/v1/indicators/:id",method="POST",status_code="200",size="small"\\} \\d+ # \\{trace_id="${traceId}"\\} [0-9.e-]+ [0-9.]+$`, 'm'));
  assert.match(om.text, /^# TYPE chitti_compute_requests counter$/m);
  assert.match(om.text, /^chitti_compute_requests_total\{/m);
  const prom = await scrape('text/plain;version=0.0.4');
  assert.match(prom.type, /^text\/plain; version=0\.0\.4/);
  assert.doesNotMatch(prom.text, /# \{trace_id=/);
  assert.match(prom.text, /^# TYPE chitti_compute_requests_total counter$/m, 'counter names survive an OpenMetrics scrape');
  assert.match((await scrape()).type, /^text\/plain/, 'no Accept: Prometheus text');
});

test('unsampled traceparent: honoured, no exemplar from it', async () => {
  const traceId = 'aaaabbbbccccddddeeeeffff00001111';
  await h.call('tcp', '/v1/indicators/rsi', { json: { inputs: { close: [1, 2, 3] } }, headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-00` } });
  assert.doesNotMatch((await scrape('application/openmetrics-text')).text, new RegExp(traceId));
});

const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

test('promtool check metrics passes on the whole endpoint', { skip: has('promtool', ['--version']) ? false : 'promtool not on PATH (apt-get install prometheus)' }, async () => {
  await scrape('application/openmetrics-text');
  const { text } = await scrape();
  const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
});

const PY = '/usr/bin/python3';
const omParser = has(PY, ['-c', 'import prometheus_client.openmetrics.parser']);
test('the OpenMetrics output parses with the reference parser', { skip: omParser ? false : 'python3-prometheus-client not installed' }, async () => {
  const { text } = await scrape('application/openmetrics-text');
  const code = 'import sys\nfrom prometheus_client.openmetrics.parser import text_string_to_metric_families as p\nfams = list(p(sys.stdin.read()))\nprint(sum(1 for f in fams for s in f.samples if s.exemplar))';
  const r = spawnSync(PY, ['-c', code], { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(Number(r.stdout.trim()) >= 1, 'at least one exemplar');
});
