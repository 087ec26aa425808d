/**
 * Measures where the time of a 100k-point request goes: JSON parse, kernel, JSON encode of the
 * outputs (generic: JSON.parse and JSON.stringify; and the fast path of src/json-fast), and whole
 * requests over loopback HTTP (JSON and binary). Run:
 *   node services/compute/scripts/measure-encoding.ts [points]
 * Prints medians of 15 runs; numbers depend on the machine (README "Performance notes").
 */
import { compute } from '@chitti/kernels';
import { request } from 'undici';
import { buildApp } from '../src/app.ts';
import { toJsonArray } from '../src/codec.ts';
import { parseIndicatorBody } from '../src/json-fast/body.ts';
import { formatJsonArray } from '../src/json-fast/numbers.ts';
import { listen } from '../src/listeners.ts';

const n = Number(process.argv[2] ?? 100_000);
const close = Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 50) * 10 + Math.cos(i / 7));
const body = JSON.stringify({ inputs: { close }, params: { period: 20 } });
const binary = Buffer.from(new Float64Array(close).buffer);

async function median(label: string, f: () => unknown | Promise<unknown>): Promise<void> {
  for (let i = 0; i < 3; i++) await f();
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} ${times[7]!.toFixed(2).padStart(8)} ms`);
}

const result = compute('ema', { close }, { period: 20 });
console.log(`${n} points, EMA(20); request body ${(body.length / 1e6).toFixed(2)} MB JSON, ${(binary.length / 1e6).toFixed(2)} MB binary`);
await median('JSON.parse of the request body', () => JSON.parse(body));
await median('kernel (compute, wasm-simd if available)', () => compute('ema', { close }, { period: 20 }));
await median('encode outputs: toJsonArray + JSON.stringify', () => JSON.stringify({ outputs: { ema: toJsonArray(result.outputs.ema!) } }));
const bytes = Buffer.from(body);
await median('fast path: parse the request body (src/json-fast)', () => parseIndicatorBody(bytes));
await median('fast path: format the outputs (src/json-fast)', () => formatJsonArray(result.outputs.ema!));
await median('encode outputs: naive Array.from + stringify', () => JSON.stringify({ outputs: { ema: Array.from(result.outputs.ema!, (v) => (Number.isNaN(v) ? null : v)) } }));

const app = await buildApp({ speedupIntervalSeconds: -1 });
const l = await listen(app, { host: '127.0.0.1', port: 0, socket: '' });
const url = `http://127.0.0.1:${l.port}/v1/indicators/ema`;
await median('whole request over HTTP, JSON', async () => {
  const r = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await r.body.arrayBuffer();
});
await median('whole request over HTTP, binary', async () => {
  const r = await request(`${url}?period=20`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: binary });
  await r.body.arrayBuffer();
});
await l.close();
