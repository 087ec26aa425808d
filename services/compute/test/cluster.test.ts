/**
 * Cluster mode (WORKERS=N): the aggregation of the workers' metrics, and the real entry point with
 * two workers sharing the TCP port and the Unix socket, a worker crash, and a drain on SIGTERM.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Agent, Pool, request } from 'undici';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, type ScopeMetrics } from '@opentelemetry/sdk-metrics';
import { exposition, retire, type MetricJson, type Snapshot } from '../src/cluster/aggregate.ts';
import { retireOtel } from '../src/cluster/otel-aggregate.ts';
import { sleep, slowRequest, startService } from './process.ts';

const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

/** A registry like one worker's: a counter, an exemplar histogram, an additive and a per-worker gauge, info. */
async function workerMetrics(requests: number, lag: number, traceId: string): Promise<MetricJson[]> {
  const OpenRegistry = Registry as unknown as new (type: string) => Registry;
  const r = new OpenRegistry(Registry.OPENMETRICS_CONTENT_TYPE);
  const c = new Counter({ name: 'chitti_compute_requests_total', help: 'h', labelNames: ['route'], registers: [r] });
  c.inc({ route: '/a' }, requests);
  c.inc({ route: '/b' }, 1);
  const h = new Histogram({ name: 'chitti_compute_request_duration_seconds', help: 'h', buckets: [0.1, 1], enableExemplars: true, registers: [r] });
  h.observe({ value: 0.05, labels: {}, exemplarLabels: { trace_id: traceId } });
  new Gauge({ name: 'process_resident_memory_bytes', help: 'h', registers: [r] }).set(100);
  new Gauge({ name: 'nodejs_eventloop_lag_p99_seconds', help: 'h', aggregator: 'average', registers: [r] }).set(lag);
  new Gauge({ name: 'chitti_compute_info', help: 'h', labelNames: ['version'], registers: [r] }).set({ version: '1' }, 1);
  return (await r.getMetricsAsJSON()) as unknown as MetricJson[];
}

const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
};

test('aggregation: counters and histograms summed, lag per worker, info once, retired counts kept', async () => {
  const snapshots: Snapshot[] = [
    { worker: '0', metrics: await workerMetrics(3, 0.01, 'a'.repeat(32)) },
    { worker: '1', metrics: await workerMetrics(4, 0.5, 'b'.repeat(32)) },
  ];
  const text = await exposition(snapshots, false);
  assert.equal(sample(text, 'chitti_compute_requests_total{route="/a"}'), 7);
  assert.equal(sample(text, 'chitti_compute_requests_total{route="/b"}'), 2);
  assert.equal(sample(text, 'chitti_compute_request_duration_seconds_count'), 2);
  assert.equal(sample(text, 'chitti_compute_request_duration_seconds_bucket{le="0.1"}'), 2);
  assert.equal(sample(text, 'process_resident_memory_bytes'), 200);
  assert.equal(sample(text, 'nodejs_eventloop_lag_p99_seconds{worker="0"}'), 0.01);
  assert.equal(sample(text, 'nodejs_eventloop_lag_p99_seconds{worker="1"}'), 0.5, 'a slow worker is not averaged away');
  assert.equal(sample(text, 'chitti_compute_info{version="1"}'), 1, 'identical gauges are not summed');
  for (const name of ['chitti_compute_requests_total', 'chitti_compute_request_duration_seconds', 'chitti_compute_info']) {
    assert.equal(text.split('\n').filter((l) => l === `# TYPE ${name} ${name.endsWith('_total') ? 'counter' : name.endsWith('seconds') ? 'histogram' : 'gauge'}`).length, 1, name);
  }

  // Worker 1 exits: its last counts are retired; the totals never go down.
  const retired = await retire([], snapshots[1]!.metrics);
  assert.ok(retired.every((m) => m.type === 'counter' || m.type === 'histogram'));
  const after = await exposition([snapshots[0]!, { worker: '1', metrics: await workerMetrics(0, 0.01, 'c'.repeat(32)) }, { worker: 'retired', metrics: retired }], false);
  assert.equal(sample(after, 'chitti_compute_requests_total{route="/a"}'), 7);
  assert.equal(sample(after, 'chitti_compute_requests_total{route="/b"}'), 3, '1 + 1 retired + 1 new');

  const om = await exposition(snapshots, true);
  assert.match(om, /^# TYPE chitti_compute_requests counter$/m);
  assert.match(om, /^chitti_compute_requests_total\{route="\/a"\} 7$/m);
  assert.doesNotMatch(om, /_total_total/);
  assert.match(om, /^chitti_compute_request_duration_seconds_bucket\{le="0.1"\} 2 # \{trace_id="(a{32}|b{32})"\} 0.05 /m, 'the newest exemplar survives');
  assert.ok(om.endsWith('# EOF\n'));
});

/** One worker's OpenTelemetry data: a duration histogram and a counter, collected as the worker does. */
async function workerOtel(durations: number[], route: string): Promise<ScopeMetrics[]> {
  const exporter = new PrometheusExporter({ preventServerStart: true, withoutScopeInfo: true });
  const provider = new MeterProvider({ readers: [exporter] });
  const meter = provider.getMeter('chitti-compute');
  const h = meter.createHistogram('http.server.request.duration', { unit: 's', advice: { explicitBucketBoundaries: [0.1, 1] } });
  for (const d of durations) h.record(d, { 'http.route': route, 'http.response.status_code': 200 });
  meter.createCounter('jobs').add(durations.length);
  meter.createUpDownCounter('in.flight').add(1);
  const { resourceMetrics } = await exporter.collect();
  await provider.shutdown();
  // What crosses the IPC channel: a structured clone.
  return structuredClone(resourceMetrics.scopeMetrics);
}

test('OpenTelemetry aggregation: histograms added bucket by bucket over workers, one target_info, retired data kept', async () => {
  const resource = resourceFromAttributes({ 'service.name': 'chitti-compute', 'service.version': '9' });
  const w0 = await workerOtel([0.05, 0.5], '/v1/indicators/:id');
  const w1 = await workerOtel([0.05, 5, 0.2], '/v1/indicators/:id');
  const w1other = await workerOtel([0.01], '/v1/batch');
  const snapshots: Snapshot[] = [
    { worker: 'primary', metrics: [] },
    { worker: '0', metrics: [], otel: w0 },
    { worker: '1', metrics: [], otel: [...w1, ...w1other] },
  ];
  const text = await exposition(snapshots, false, resource);
  const id = 'http_route="/v1/indicators/:id",http_response_status_code="200"';
  assert.equal(sample(text, `http_server_request_duration_count{${id}}`), 5);
  assert.equal(sample(text, `http_server_request_duration_bucket{${id},le="0.1"}`), 2);
  assert.equal(sample(text, `http_server_request_duration_bucket{${id},le="1"}`), 4);
  assert.equal(sample(text, `http_server_request_duration_bucket{${id},le="+Inf"}`), 5);
  assert.ok(Math.abs(sample(text, `http_server_request_duration_sum{${id}}`)! - 5.8) < 1e-9);
  assert.equal(sample(text, 'http_server_request_duration_count{http_route="/v1/batch",http_response_status_code="200"}'), 1);
  assert.equal(sample(text, 'jobs_total'), 6);
  assert.equal(sample(text, 'in_flight'), 3);
  assert.equal(text.match(/^target_info\{/gm)?.length, 1);
  assert.match(text, /^target_info\{service_name="chitti-compute",service_version="9"\} 1$/m);
  const types = text.split('\n').filter((l) => l.startsWith('# TYPE '));
  assert.equal(new Set(types).size, types.length, 'no family appears twice');
  if (has('promtool', ['--version'])) {
    const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  }

  // Worker 1 exits: its histogram and counter stay in the totals; its up-down counter does not.
  const retired = retireOtel([], [...w1, ...w1other]);
  const after = await exposition([snapshots[0]!, snapshots[1]!, { worker: 'retired', metrics: [], otel: retired }], false, resource);
  assert.equal(sample(after, `http_server_request_duration_count{${id}}`), 5);
  assert.equal(sample(after, 'jobs_total'), 6);
  assert.equal(sample(after, 'in_flight'), 1);
  const twice = retireOtel(retired, w0);
  assert.equal(sample(await exposition([{ worker: 'retired', metrics: [], otel: twice }], false, resource), `http_server_request_duration_count{${id}}`), 5);

  const om = await exposition(snapshots, true, resource);
  assert.match(om, /^# TYPE jobs counter$/m);
  assert.match(om, /^jobs_total 6$/m);
  assert.equal(om.match(/^# EOF$/gm)?.length, 1);
  assert.ok(om.endsWith('# EOF\n'));
});

const body = (n: number) => JSON.stringify({ inputs: { close: Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 5)) }, params: { period: 10 } });

async function metricsText(admin: string, accept?: string): Promise<string> {
  const res = await fetch(`${admin}/metrics`, { headers: accept ? { accept } : {} });
  assert.equal(res.status, 200);
  return res.text();
}

const total = (text: string, prefix: string) =>
  text.split('\n').filter((l) => l.startsWith(prefix)).reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);

/** Polls /ready until it answers `want` or `ms` pass (generous: workers start slowly on a loaded machine). */
async function waitReady(admin: string, want: number, ms: number): Promise<number> {
  let status = 0;
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) {
    status = (await fetch(`${admin}/ready`)).status;
    if (status === want) break;
  }
  return status;
}

test('WORKERS=2: one port and one socket, requests on both workers, one /metrics for the group', async () => {
  const svc = await startService({ WORKERS: '2', WORKER_THREADS: '0' });
  try {
    assert.equal(svc.started.workers, 2);
    const pids = svc.started.pids as number[];
    assert.equal(pids.length, 2);
    const admin = `http://127.0.0.1:${svc.metricsPort}`;
    assert.equal(await waitReady(admin, 200, 30_000), 200);
    const ready = (await (await fetch(`${admin}/ready`)).json()) as { reason: string };
    assert.match(ready.reason, /^2 workers ready/);

    const traceId = '5bf92f3577b34da6a3ce929d0e0e4736';
    const tcp = 24;
    for (let i = 0; i < tcp; i++) {
      // A new connection each time: node:cluster hands connections to workers round-robin.
      const res = await request(`http://127.0.0.1:${svc.port}/v1/indicators/sma`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
        body: body(500),
      });
      assert.equal(res.statusCode, 200);
      await res.body.text();
    }
    const unix = new Agent({ connect: { socketPath: svc.socket } });
    for (let i = 0; i < 4; i++) {
      const res = await request('http://localhost/v1/indicators/sma', { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: body(500), dispatcher: unix });
      assert.equal(res.statusCode, 200);
      await res.body.text();
    }
    await unix.close();

    let served = new Set<unknown>();
    for (let i = 0; i < 50 && served.size < 2; i++, await sleep(20)) served = new Set(svc.logs.filter((l) => l.msg === 'request completed').map((l) => l.worker));
    assert.deepEqual([...served].sort(), [0, 1], 'both workers served requests');

    let text = await metricsText(admin);
    const servedCount = (t: string) => total(t, 'chitti_compute_requests_total{route="/v1/indicators/:id",method="POST",status_code="200"}');
    for (let i = 0; i < 40 && servedCount(text) < tcp + 4; i++, await sleep(50)) text = await metricsText(admin);
    assert.equal(servedCount(text), tcp + 4, 'counters summed over the workers');
    const otelCount = (t: string) => total(t.split('\n').filter((l) => l.includes('http_route="/v1/indicators/:id"') && l.includes('http_response_status_code="200"')).join('\n'), 'http_server_request_duration_count{');
    for (let i = 0; i < 40 && otelCount(text) < tcp + 4; i++, await sleep(50)) text = await metricsText(admin);
    assert.equal(otelCount(text), tcp + 4, "every worker's OpenTelemetry data reaches the one scrape");
    assert.match(text, /^http_server_request_duration_count\{[^}]*network_transport="unix"/m, 'Unix socket requests too');
    assert.equal(text.match(/^target_info\{/gm)?.length, 1, 'one target_info for the group');
    const types = text.split('\n').filter((l) => l.startsWith('# TYPE '));
    assert.equal(new Set(types).size, types.length, 'no family appears twice');
    assert.equal(total(text, 'chitti_compute_info{'), 1, 'info is one series, value 1');
    for (const w of ['0', '1', 'primary']) assert.match(text, new RegExp(`^process_start_time_seconds\\{worker="${w}"\\} \\d+`, 'm'));
    for (const w of ['0', '1']) assert.match(text, new RegExp(`^nodejs_eventloop_lag_p99_seconds\\{worker="${w}"\\} `, 'm'));
    // The first self-benchmark pass measures every indicator in registry order (a few ms of CPU each,
    // more on a busy machine): wait, bounded, until it has reached sma on both workers.
    const speedupOf = (w: string) => new RegExp(`^chitti_compute_indicator_speedup_ratio\\{indicator="sma",worker="${w}"\\} [\\d.]+$`, 'm');
    for (let i = 0; i < 600 && !['0', '1'].every((w) => speedupOf(w).test(text)); i++, await sleep(100)) text = await metricsText(admin);
    for (const w of ['0', '1']) assert.match(text, speedupOf(w));
    if (has('promtool', ['--version'])) {
      const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    } else assert.ok(!process.env.CHITTI_REQUIRE_INTEGRATION, 'promtool is required in CI');

    const om = await metricsText(admin, 'application/openmetrics-text; version=1.0.0');
    assert.match(om, new RegExp(`^chitti_compute_request_duration_seconds_bucket\\{.*\\} \\d+ # \\{trace_id="${traceId}"\\}`, 'm'), 'exemplars survive aggregation');
    assert.ok(om.endsWith('# EOF\n'));
  } finally {
    svc.cleanup();
  }
});

test('WORKERS=2: a killed worker is replaced, readiness recovers, counters do not go down', async () => {
  const svc = await startService({ WORKERS: '2', WORKER_THREADS: '0', COMPUTE_SOCKET: '' });
  try {
    const admin = `http://127.0.0.1:${svc.metricsPort}`;
    assert.equal(await waitReady(admin, 200, 30_000), 200);
    for (let i = 0; i < 10; i++) {
      const res = await request(`http://127.0.0.1:${svc.port}/v1/indicators/sma`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: body(200) });
      await res.body.text();
    }
    const route = 'chitti_compute_requests_total{route="/v1/indicators/:id",method="POST",status_code="200"}';
    // Counted when the response has been written, which can be just after the client has it; the
    // workers answer the scrape between indicators of their first self-benchmark pass (bounded wait).
    let seen = 0;
    for (let i = 0; i < 200 && seen < 10; i++, await sleep(50)) seen = total(await metricsText(admin), route);
    assert.equal(seen, 10); // this scrape is what a crash retires

    const [victim] = svc.started.pids as number[];
    process.kill(victim!, 'SIGKILL');
    assert.equal(await waitReady(admin, 503, 5_000), 503, 'not ready while a worker is missing');
    assert.equal(await waitReady(admin, 200, 30_000), 200, 'ready again once the replacement listens');
    const exit = svc.logs.find((l) => l.msg === 'cluster worker exited; restarting it');
    assert.equal(exit?.pid, victim);
    assert.equal(exit?.signal, 'SIGKILL');
    const afterKill = await metricsText(admin);
    assert.equal(total(afterKill, route), 10, "the dead worker's counts are kept");
    assert.equal(total(afterKill.split('\n').filter((l) => l.includes('http_route="/v1/indicators/:id"')).join('\n'), 'http_server_request_duration_count{'), 10, "and its OpenTelemetry counts");
    const res = await request(`http://127.0.0.1:${svc.port}/v1/indicators/sma`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: body(200) });
    assert.equal(res.statusCode, 200);
    await res.body.text();

    // The primary killed outright: the workers notice (IPC channel gone) and exit on their own.
    const workers = [svc.started.pids as number[], svc.logs.filter((l) => l.msg === 'cluster worker listening').map((l) => l.pid as number)].flat();
    svc.child.kill('SIGKILL');
    await svc.exited;
    const alive = () => workers.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    for (let i = 0; i < 100 && alive().length > 0; i++) await sleep(50);
    assert.deepEqual(alive(), [], 'no orphaned worker');
  } finally {
    svc.cleanup();
  }
});

test('WORKERS=2 SIGTERM: readiness false, in-flight requests finish, every worker exits, exit 0, socket removed', async () => {
  const svc = await startService({ WORKERS: '2', WORKER_THREADS: '0', DRAIN_DELAY_MS: '300', SHUTDOWN_TIMEOUT_MS: '8000' });
  const pool = new Pool(`http://127.0.0.1:${svc.port}`, { connections: 4 });
  try {
    const admin = `http://127.0.0.1:${svc.metricsPort}`;
    assert.equal(await waitReady(admin, 200, 30_000), 200);
    const inflight = [slowRequest(svc.port), slowRequest(svc.port)];
    const busy = Array.from({ length: 8 }, () => pool.request({ method: 'POST', path: '/v1/indicators/ema', headers: { 'content-type': 'application/json' }, body: body(20_000) }).then(async (r) => (await r.body.text(), r.statusCode)));
    await sleep(100);
    svc.child.kill('SIGTERM');
    assert.equal(await waitReady(admin, 503, 2_000), 503);
    assert.equal(((await (await fetch(`${admin}/ready`)).json()) as { reason: string }).reason, 'draining');
    for (const r of inflight) r.finish();
    for (const r of inflight) assert.match(await r.response, /^HTTP\/1\.1 200 OK/);
    assert.deepEqual(await Promise.all(busy), Array(8).fill(200));
    assert.equal(await Promise.race([svc.exited, sleep(15_000).then(() => 'timeout')]), 0);
    for (const pid of svc.started.pids as number[]) assert.throws(() => process.kill(pid, 0), 'worker gone');
    assert.ok(!existsSync(svc.socket), 'socket file removed');
    assert.ok(svc.logs.some((l) => l.msg === 'all workers drained; exiting'));
  } finally {
    await pool.destroy();
    svc.cleanup();
  }
});

test('WORKERS=2 on a port already taken: a clear error and exit 1, no worker left behind', async () => {
  const { createServer } = await import('node:net');
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as { port: number }).port;
  try {
    const r = spawnSync(process.execPath, [new URL('../src/main.ts', import.meta.url).pathname], {
      env: { ...process.env, WORKERS: '2', PORT: String(port), HOST: '127.0.0.1', METRICS_PORT: '0', METRICS_HOST: '127.0.0.1', COMPUTE_SOCKET: '', API_AUTH: 'disabled', WORKER_THREADS: '0', SPEEDUP_INTERVAL_SECONDS: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /EADDRINUSE/);
    assert.match(r.stdout, /exited during start-up/);
    const workerPids = r.stdout.split('\n').filter((l) => l.includes('"worker":')).map((l) => (JSON.parse(l) as { pid?: number }).pid);
    assert.ok(workerPids.length > 0 && workerPids.every((pid) => typeof pid === 'number'), 'worker log lines carry their pid');
    for (const pid of new Set(workerPids)) assert.throws(() => process.kill(pid!, 0), `worker ${pid} gone`);
  } finally {
    blocker.close();
  }
});
