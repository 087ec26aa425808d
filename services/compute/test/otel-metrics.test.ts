// OpenTelemetry's http.server.request.duration on the admin /metrics page, beside prom-client's
// families: attributes, bucket boundaries, bounded routes, target_info, one page in both formats.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { request } from 'undici';
import { HTTP_DURATION_BOUNDARIES } from '../src/otel-metrics.ts';
import { mergePages, otelPrometheusText, toOpenMetrics } from '../src/otel-exposition.ts';
import { start, type Harness } from './helpers.ts';

const OPENMETRICS = 'application/openmetrics-text; version=1.0.0';
const DURATION = 'http_server_request_duration';
let h: Harness;

before(async () => {
  // Read by the resource's environment detector when the app builds its MeterProvider.
  process.env.OTEL_RESOURCE_ATTRIBUTES = 'deployment.environment.name=otel-test,service.namespace=chitti';
  h = await start({ faultInjection: true });
  delete process.env.OTEL_RESOURCE_ATTRIBUTES;
  for (const via of ['tcp', 'unix'] as const) {
    await h.call(via, '/v1/indicators');
    await h.call(via, '/v1/indicators/sma', { json: { inputs: { close: [1, 2, 3, 4] }, params: { period: 2 } } });
    await h.call(via, '/v1/indicators/ema', { json: { inputs: { close: [1, null] } } });
  }
  for (const path of ['/no/such/path/12345', '/v1/indicators/sma/extra/999', '/wp-login.php?x=1']) assert.equal((await h.call('tcp', path)).status, 404);
  assert.equal((await h.call('tcp', '/v1/indicators/sma', { json: { inputs: { close: [1, 2, 3] } }, headers: { 'x-chitti-fault': 'error' } })).status, 500);
  const weird = await request(`${h.tcp}/v1/indicators`, { method: 'PROPFIND' });
  await weird.body.arrayBuffer();
});
after(() => h.close());

const scrape = async (accept?: string) => {
  const res = await fetch(`${h.adminUrl}/metrics`, accept ? { headers: { accept } } : {});
  return { type: res.headers.get('content-type') ?? '', text: await res.text() };
};

/** Every sample line of a family's series (`_bucket`, `_count`, `_sum` for histograms): name and labels. */
function samples(text: string, name: string): { sample: string; labels: Record<string, string>; value: number }[] {
  const out = [];
  for (const m of text.matchAll(new RegExp(`^(${name}(?:_bucket|_count|_sum)?)\\{([^}]*)\\} (\\S+)$`, 'gm'))) {
    const labels = Object.fromEntries([...m[2]!.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
    out.push({ sample: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

/** Family names declared by `# TYPE`, in page order (duplicates kept). */
const declared = (text: string) => [...text.matchAll(/^# TYPE (\S+) \S+$/gm)].map((m) => m[1]!);

test('http.server.request.duration: a histogram in seconds with the conventions\' attributes and advised boundaries', async () => {
  const { text } = await scrape();
  assert.match(text, new RegExp(`^# TYPE ${DURATION} histogram$`, 'm'));
  assert.match(text, new RegExp(`^# UNIT ${DURATION} s$`, 'm'), 'the exporter\'s unit line (ignored by text-format parsers)');
  const ok = samples(text, DURATION).filter((s) => s.labels.http_route === '/v1/indicators/:id' && s.labels.http_response_status_code === '200');
  const tcp = ok.filter((s) => s.labels.server_port !== undefined);
  const unix = ok.filter((s) => s.labels.network_transport === 'unix');
  assert.ok(tcp.length > 0 && unix.length > 0, 'requests on both listeners');
  const tcpBucket = tcp.find((s) => s.sample.endsWith('_bucket'))!;
  const { le: _le, ...tcpLabels } = tcpBucket.labels;
  assert.deepEqual(tcpLabels, {
    http_request_method: 'POST',
    url_scheme: 'http',
    http_response_status_code: '200',
    network_protocol_version: '1.1',
    server_address: '127.0.0.1',
    server_port: String(h.listening.port),
    http_route: '/v1/indicators/:id',
  });
  const { le: _le2, ...unixLabels } = unix.find((s) => s.sample.endsWith('_bucket'))!.labels;
  assert.deepEqual(Object.keys(unixLabels).sort(), ['http_request_method', 'http_response_status_code', 'http_route', 'network_protocol_version', 'network_transport', 'url_scheme']);
  const les = tcp.filter((s) => s.sample.endsWith('_bucket')).map((s) => s.labels.le);
  assert.deepEqual(les, [...HTTP_DURATION_BOUNDARIES.map(String), '+Inf']);
  assert.deepEqual(HTTP_DURATION_BOUNDARIES, [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]);
  const count = tcp.find((s) => s.sample.endsWith('_count'))!.value;
  assert.equal(count, 1);
  assert.equal(tcp.find((s) => s.labels.le === '+Inf')!.value, count);
  assert.ok(tcp.find((s) => s.sample.endsWith('_sum'))!.value > 0);
});

test('http.route is the route template, never the raw URL; unmatched requests collapse into one series without a route; other methods are _OTHER', async () => {
  const { text } = await scrape();
  const all = samples(text, DURATION);
  const routes = new Set(all.map((s) => s.labels.http_route));
  assert.deepEqual([...routes].sort(), ['/v1/indicators', '/v1/indicators/:id', undefined].sort());
  for (const raw of ['/no/such', '/extra/999', 'wp-login', '/v1/indicators/sma"', '/v1/indicators/ema"']) assert.ok(!text.includes(raw), `${raw} leaked into the page`);
  const unmatched = all.filter((s) => s.labels.http_route === undefined && s.sample.endsWith('_count'));
  const byMethod = Object.fromEntries(unmatched.map((s) => [`${s.labels.http_request_method} ${s.labels.http_response_status_code}`, s.value]));
  assert.deepEqual(byMethod, { 'GET 404': 3, '_OTHER 404': 1 });
});

test('every request prom-client counts is in the OpenTelemetry histogram, and no other', async () => {
  const { text } = await scrape();
  const ours = [...text.matchAll(/^chitti_compute_requests_total\{[^}]*\} (\S+)$/gm)].reduce((a, m) => a + Number(m[1]), 0);
  const otel = samples(text, DURATION).filter((s) => s.sample.endsWith('_count')).reduce((a, s) => a + s.value, 0);
  assert.equal(ours, 11, "6 on the two listeners, 3 unmatched, a 500, a PROPFIND");
  assert.equal(otel, ours);
});

test('5xx answers carry error.type (the status code); others do not', async () => {
  const { text } = await scrape();
  const all = samples(text, DURATION).filter((s) => s.sample.endsWith('_count'));
  const failed = all.filter((s) => s.labels.http_response_status_code === '500');
  assert.equal(failed.length, 1);
  assert.equal(failed[0]!.labels.error_type, '500');
  assert.ok(all.filter((s) => s.labels.http_response_status_code !== '500').every((s) => s.labels.error_type === undefined));
});

test('the resource becomes target_info: service, SDK, host and OTEL_RESOURCE_ATTRIBUTES', async () => {
  const { text } = await scrape();
  assert.match(text, /^# TYPE target_info gauge$/m);
  const [info, ...more] = [...text.matchAll(/^target_info\{([^}]*)\} (\S+)$/gm)];
  assert.equal(more.length, 0, 'one target_info series');
  assert.equal(info![2], '1');
  const labels = Object.fromEntries([...info![1]!.matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1]!, l[2]!]));
  assert.equal(labels.service_name, 'chitti-compute');
  assert.equal(labels.service_version, '0.1.0');
  assert.equal(labels.telemetry_sdk_name, 'opentelemetry');
  assert.equal(labels.telemetry_sdk_language, 'nodejs');
  assert.equal(labels.process_runtime_version, process.versions.node);
  assert.equal(labels.deployment_environment_name, 'otel-test');
  assert.equal(labels.service_namespace, 'chitti');
  assert.equal(labels.process_pid, undefined, 'no per-process attribute: the same target_info from every worker');
});

test('one page: prom-client\'s families and OpenTelemetry\'s, each declared once, the same families in text 0.0.4 and OpenMetrics', async () => {
  const text = await scrape('text/plain;version=0.0.4');
  const om = await scrape(OPENMETRICS);
  assert.match(text.type, /^text\/plain; version=0\.0\.4/);
  assert.match(om.type, /^application\/openmetrics-text; version=1\.0\.0/);
  for (const page of [text.text, om.text]) {
    const names = declared(page);
    assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), [], 'families declared twice');
    assert.ok(names.includes('chitti_compute_requests_total') || names.includes('chitti_compute_requests'));
    assert.ok(names.includes(DURATION) && names.includes('target_info'));
  }
  const strip = (names: string[]) => names.map((n) => n.replace(/_total$/, '')).sort();
  assert.deepEqual(strip(declared(om.text)), strip(declared(text.text)));
  assert.equal(om.text.match(/^# EOF$/gm)?.length, 1);
  assert.ok(om.text.endsWith('# EOF\n'));
  assert.doesNotMatch(om.text, new RegExp(`^# UNIT ${DURATION} `, 'm'), 'OpenMetrics requires the unit as the name\'s suffix');
  // The OpenTelemetry part comes after prom-client's and keeps its samples in both formats.
  const count = (page: string) => samples(page, DURATION).filter((s) => s.sample.endsWith('_count')).reduce((a, s) => a + s.value, 0);
  assert.equal(count(om.text), count(text.text));
  assert.ok(text.text.indexOf('chitti_compute_requests_total') < text.text.indexOf(DURATION));
});

const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

test('promtool check metrics passes on the merged page', { skip: has('promtool', ['--version']) ? false : 'promtool not on PATH' }, async () => {
  const { text } = await scrape();
  assert.ok(text.includes(DURATION));
  const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
});

const PY = '/usr/bin/python3';
test('the merged OpenMetrics page parses with the reference parser, OpenTelemetry families with their types', { skip: has(PY, ['-c', 'import prometheus_client.openmetrics.parser']) ? false : 'python3-prometheus-client not installed' }, async () => {
  const { text } = await scrape(OPENMETRICS);
  const code = 'import sys, json\nfrom prometheus_client.openmetrics.parser import text_string_to_metric_families as p\nprint(json.dumps({f.name: f.type for f in p(sys.stdin.read())}))';
  const r = spawnSync(PY, ['-c', code], { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const types = JSON.parse(r.stdout) as Record<string, string>;
  assert.equal(types[DURATION], 'histogram');
  assert.equal(types.target_info, 'gauge');
  assert.equal(types.chitti_compute_requests, 'counter');
});

test('toOpenMetrics: counters declared without _total, unit lines kept only as the name\'s suffix', async () => {
  const exporter = new PrometheusExporter({ preventServerStart: true, withoutScopeInfo: true });
  const provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': 'x' }), readers: [exporter] });
  const meter = provider.getMeter('t');
  meter.createCounter('jobs.done', { description: 'Jobs.' }).add(3, { queue: 'a' });
  meter.createHistogram('payload_bytes', { unit: 'bytes', advice: { explicitBucketBoundaries: [10] } }).record(4);
  meter.createHistogram('wait', { unit: 's', advice: { explicitBucketBoundaries: [1] } }).record(0.5);
  const { resourceMetrics } = await exporter.collect();
  const text = otelPrometheusText(resourceMetrics.resource, resourceMetrics.scopeMetrics);
  assert.match(text, /^# TYPE jobs_done_total counter$/m);
  const om = toOpenMetrics(text);
  assert.match(om, /^# HELP jobs_done Jobs\.$/m);
  assert.match(om, /^# TYPE jobs_done counter$/m);
  assert.match(om, /^jobs_done_total\{queue="a"\} 3$/m);
  assert.match(om, /^# UNIT payload_bytes bytes$/m);
  assert.doesNotMatch(om, /^# UNIT wait /m);
  const page = mergePages('# TYPE a gauge\na 1\n# EOF\n', text, true);
  assert.equal(page.match(/# EOF/g)?.length, 1);
  assert.ok(page.startsWith('# TYPE a gauge\na 1\n# HELP target_info'));
  assert.ok(page.endsWith('\n# EOF\n'));
  assert.equal(mergePages('# TYPE a gauge\na 1\n', text, false), `# TYPE a gauge\na 1\n${text}`);
  await provider.shutdown();
});

test('otelMetrics: false leaves the page to prom-client alone', async () => {
  const plain = await start({ otelMetrics: false });
  try {
    await plain.call('tcp', '/v1/indicators');
    const text = await (await fetch(`${plain.adminUrl}/metrics`)).text();
    assert.ok(text.includes('chitti_compute_requests_total{route="/v1/indicators"'));
    assert.ok(!text.includes(DURATION) && !text.includes('target_info'));
  } finally {
    await plain.close();
  }
});
