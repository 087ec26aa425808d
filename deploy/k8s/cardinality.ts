// Measures the metric cardinality of one compute replica once every label value the service can
// produce has been seen: every indicator over JSON and binary, a batch, and the usual client errors.
// The result is the per-replica series budget of docs/scaling.md (monitoring/src/series-budget.ts); prom-client's and OpenTelemetry's families are counted apart.
//   npm run cardinality
import { spawn } from 'node:child_process';

const root = new URL('../../', import.meta.url);
const token = 'cardinality-measurement-token-0123456789';
const port = 18280;
const adminPort = 19664;
const base = `http://127.0.0.1:${port}`;
const auth = { authorization: `Bearer ${token}` };

const service = spawn(`${root.pathname}node_modules/.bin/node`, ['services/compute/src/main.ts'], {
  cwd: root.pathname,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, PORT: String(port), METRICS_PORT: String(adminPort), COMPUTE_SOCKET: '', API_TOKENS: token, SPEEDUP_INTERVAL_SECONDS: '0', NODE_ENV: 'production' },
});
const exited = new Promise((resolve) => service.once('exit', resolve));

const series = (n: number, offset: number) => Array.from({ length: n }, (_, i) => 100 + offset + Math.sin(i / 7) * 5 + i * 0.01);
function inputsFor(names: string[], n: number): Record<string, number[]> {
  const close = series(n, 0);
  const by: Record<string, number[]> = { open: close.map((c) => c - 0.3), high: close.map((c) => c + 1), low: close.map((c) => c - 1), close, volume: series(n, 1000) };
  return Object.fromEntries(names.map((name) => [name, by[name] ?? close]));
}

try {
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`http://127.0.0.1:${adminPort}/ready`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline) throw new Error('the service did not become ready in 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const { indicators: listing } = (await (await fetch(`${base}/v1/indicators`, { headers: auth })).json()) as { indicators: Array<{ id: string; inputs: string[] }> };
  const statuses = new Map<number, number>();
  const count = (r: Response) => statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  for (const indicator of listing) {
    const names = indicator.inputs;
    for (const n of [50, 5_000, 200_000]) {
      const inputs = inputsFor(names, n);
      count(await fetch(`${base}/v1/indicators/${indicator.id}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ inputs }) }));
      const bytes = Buffer.concat(names.map((name) => Buffer.from(new Float64Array(inputs[name]!).buffer)));
      count(await fetch(`${base}/v1/indicators/${indicator.id}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: bytes }));
    }
  }
  count(await fetch(`${base}/v1/batch`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ series: { A: { close: series(100, 0) } }, specs: [{ id: 'sma' }, { id: 'ema' }] }) }));
  count(await fetch(`${base}/v1/indicators/nope`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' }));
  count(await fetch(`${base}/v1/indicators/sma`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"inputs":{"close":[1,"x"]}}' }));
  count(await fetch(`${base}/v1/indicators/sma`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{' }));
  count(await fetch(`${base}/v1/indicators/sma`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
  count(await fetch(`${base}/v1/indicators/sma`, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: 'x' }));
  count(await fetch(`${base}/no/such/route`, { headers: auth }));
  count(await fetch(`${base}/openapi.json`, { headers: auth }));

  const text = await (await fetch(`http://127.0.0.1:${adminPort}/metrics`)).text();
  const families = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)![0].replace(/_(bucket|sum|count|created)$/, '');
    families.set(name, (families.get(name) ?? 0) + 1);
  }
  const total = [...families.values()].reduce((a, b) => a + b, 0);
  console.log(`${listing.length} indicators, requests by status: ${[...statuses].sort().map(([s, n]) => `${s}=${n}`).join(' ')}`);
  console.log(`series on /metrics: ${total} in ${families.size} families`);
  const otel = [...families].filter(([name]) => name.startsWith('http_server_') || name === 'target_info').reduce((a, [, n]) => a + n, 0);
  console.log(`  of which OpenTelemetry (http_server_request_duration, target_info): ${otel}; prom-client: ${total - otel}`);
  for (const [name, n] of [...families].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${String(n).padStart(6)}  ${name}`);
} finally {
  service.kill('SIGTERM');
  await exited;
}
