// Streaming benchmark: bar-by-bar updates per second and per-update latency, per indicator, for
// Chitti's IndicatorStream.update and trading-signals' .add() (the peer with a streaming API), and
// over the service's WebSocket (/v1/stream) on loopback: sequential update→output round trips, and
// pipelined (a window of updates in flight). The service runs in this process (one event loop for
// client and server, as a same-host sidecar would not, so the WebSocket figures are conservative).
// Writes results/stream.json and prints a table. `npm run bench:stream -w @chitti/bench` (~1 min).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStream, type Bar } from '@chitti/kernels';
import * as ts from 'trading-signals';
import { buildApp } from '../services/compute/src/app.ts';
import { load, machineInfo, packageVersion } from './lib/machine.ts';

const here = dirname(fileURLToPath(import.meta.url));
const LIB_UPDATES = 200_000;
const LATENCY_SAMPLES = 50_000;
const WS_SEQUENTIAL = 3_000;
const WS_PIPELINED = 20_000;
const WS_WINDOW = 256;

interface Case {
  id: string;
  params: Record<string, number>;
  inputs: ('high' | 'low' | 'close' | 'volume')[];
  peer: () => { add(input: never): unknown };
}

const hlc = ['high', 'low', 'close'] as Case['inputs'];
const CASES: Case[] = [
  { id: 'sma', params: { period: 20 }, inputs: ['close'], peer: () => new ts.SMA(20) },
  { id: 'ema', params: { period: 20 }, inputs: ['close'], peer: () => new ts.EMA(20) },
  { id: 'rsi', params: { period: 14 }, inputs: ['close'], peer: () => new ts.RSI(14) },
  { id: 'bbands', params: { period: 20, devUp: 2, devDown: 2 }, inputs: ['close'], peer: () => new ts.BollingerBands(20, 2) },
  { id: 'macd', params: { fast: 12, slow: 26, signal: 9 }, inputs: ['close'], peer: () => new ts.MACD(new ts.EMA(12), new ts.EMA(26), new ts.EMA(9)) },
  { id: 'atr', params: { period: 14 }, inputs: hlc, peer: () => new ts.ATR(14) },
  { id: 'stoch', params: { fastK: 5, slowK: 3, slowD: 3 }, inputs: hlc, peer: () => new ts.StochasticOscillator({ kPeriod: 5, kSlowingPeriod: 3, dPeriod: 3 }) },
  { id: 'willr', params: { period: 14 }, inputs: hlc, peer: () => new ts.WilliamsR(14) },
  { id: 'cci', params: { period: 20 }, inputs: hlc, peer: () => new ts.CCI(20) },
  { id: 'adx', params: { period: 14 }, inputs: hlc, peer: () => new ts.ADX(14) },
  { id: 'mfi', params: { period: 14 }, inputs: ['high', 'low', 'close', 'volume'], peer: () => new ts.MFI(14) },
];

/** A deterministic random walk of n bars. */
function bars(n: number): { high: number; low: number; close: number; volume: number }[] {
  let s = 7;
  let p = 100;
  const out = [];
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    p = Math.max(1, p + (s / 2147483648 - 0.5) * 2);
    out.push({ high: p + 0.5 + (s % 100) / 200, low: p - 0.5 - (s % 70) / 200, close: p, volume: 1000 + (s % 5000) });
  }
  return out;
}

const BARS = bars(LIB_UPDATES);
const pick = (c: Case, b: (typeof BARS)[number]): Bar => Object.fromEntries(c.inputs.map((k) => [k, b[k]]));
/** trading-signals takes a number for close-only indicators and a candle object otherwise. */
const peerInput = (c: Case, b: (typeof BARS)[number]): unknown => (c.inputs.length === 1 ? b.close : pick(c, b));

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

interface Figures {
  updatesPerSecond: number;
  p50Us: number;
  p99Us: number;
}

/** Throughput from an untimed loop; latency from timing each call (timer cost, ~30-60 ns, included). */
function measureLibrary(update: (i: number) => unknown): Figures {
  for (let i = 0; i < 20_000; i++) update(i); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < LIB_UPDATES; i++) update(i);
  const seconds = (performance.now() - t0) / 1000;
  const lat = new Float64Array(LATENCY_SAMPLES);
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const a = process.hrtime.bigint();
    update(i);
    lat[i] = Number(process.hrtime.bigint() - a) / 1000;
  }
  lat.sort();
  return { updatesPerSecond: LIB_UPDATES / seconds, p50Us: percentile(lat, 0.5), p99Us: percentile(lat, 0.99) };
}

function ours(c: Case): Figures {
  const s = createStream(c.id, c.params);
  const input = BARS.map((b) => pick(c, b));
  return measureLibrary((i) => s.update(input[i % input.length]!));
}

function theirs(c: Case): Figures {
  const s = c.peer() as { add(input: unknown): unknown };
  const input = BARS.map((b) => peerInput(c, b));
  return measureLibrary((i) => s.add(input[i % input.length]!));
}

/** One WebSocket with one stream open; replies arrive in order. */
async function connect(url: string, c: Case): Promise<{ ws: WebSocket; next: () => Promise<string> }> {
  const ws = new WebSocket(url);
  const queue: string[] = [];
  let waiter: ((s: string) => void) | undefined;
  ws.onmessage = (e) => {
    if (waiter) {
      const w = waiter;
      waiter = undefined;
      w(String(e.data));
    } else queue.push(String(e.data));
  };
  await new Promise((resolve, reject) => ((ws.onopen = resolve), (ws.onerror = reject)));
  const next = () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise<string>((r) => (waiter = r)));
  ws.send(JSON.stringify({ op: 'open', key: 'B', id: c.id, params: c.params }));
  const opened = JSON.parse(await next()) as { op: string };
  if (opened.op !== 'opened') throw new Error(`open ${c.id}: ${JSON.stringify(opened)}`);
  return { ws, next };
}

async function overWebSocket(url: string, c: Case): Promise<{ sequential: Figures; pipelined: { updatesPerSecond: number } }> {
  const { ws, next } = await connect(url, c);
  const msgs = BARS.slice(0, WS_PIPELINED).map((b) => JSON.stringify({ op: 'update', key: 'B', bar: pick(c, b) }));
  for (let i = 0; i < 300; i++) (ws.send(msgs[i]!), await next()); // warm-up
  const lat = new Float64Array(WS_SEQUENTIAL);
  const t0 = performance.now();
  for (let i = 0; i < WS_SEQUENTIAL; i++) {
    const a = performance.now();
    ws.send(msgs[i]!);
    const reply = await next();
    lat[i] = (performance.now() - a) * 1000;
    if (i === 0 && !reply.startsWith('{"op":"output"')) throw new Error(`update ${c.id}: ${reply}`);
  }
  const seqSeconds = (performance.now() - t0) / 1000;
  lat.sort();
  // Pipelined: keep WS_WINDOW updates in flight.
  const t1 = performance.now();
  let sent = 0;
  let received = 0;
  while (sent < WS_WINDOW) ws.send(msgs[sent++]!);
  while (received < WS_PIPELINED) {
    await next();
    received++;
    if (sent < WS_PIPELINED) ws.send(msgs[sent++]!);
  }
  const pipeSeconds = (performance.now() - t1) / 1000;
  ws.close();
  return {
    sequential: { updatesPerSecond: WS_SEQUENTIAL / seqSeconds, p50Us: percentile(lat, 0.5), p99Us: percentile(lat, 0.99) },
    pipelined: { updatesPerSecond: WS_PIPELINED / pipeSeconds },
  };
}

const loadBefore = load();
const app = await buildApp({ speedupIntervalSeconds: -1 });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1/stream`;

const rows = [];
for (const c of CASES) {
  const row = { indicator: c.id, params: c.params, chitti: ours(c), tradingSignals: theirs(c), webSocket: await overWebSocket(url, c) };
  rows.push(row);
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  const u = (n: number) => n.toFixed(2);
  console.log(
    `${c.id.padEnd(7)} chitti ${f(row.chitti.updatesPerSecond).padStart(11)}/s p50 ${u(row.chitti.p50Us)} p99 ${u(row.chitti.p99Us)} µs | ` +
      `trading-signals ${f(row.tradingSignals.updatesPerSecond).padStart(10)}/s p50 ${u(row.tradingSignals.p50Us)} p99 ${u(row.tradingSignals.p99Us)} µs | ` +
      `ws seq ${f(row.webSocket.sequential.updatesPerSecond).padStart(6)}/s p50 ${u(row.webSocket.sequential.p50Us)} p99 ${u(row.webSocket.sequential.p99Us)} µs | ws pipelined ${f(row.webSocket.pipelined.updatesPerSecond)}/s`,
  );
}
await app.close();

const result = {
  generatedAt: new Date().toISOString(),
  machine: machineInfo(),
  loadAverage: { before: loadBefore, after: load() },
  versions: { 'trading-signals': packageVersion('trading-signals') },
  method: {
    libraryUpdates: LIB_UPDATES,
    latencySamples: LATENCY_SAMPLES,
    latencyNote: 'library latency timed per call with process.hrtime.bigint (timer cost included); throughput from an untimed loop',
    webSocket: `one connection, service in-process on 127.0.0.1; sequential: ${WS_SEQUENTIAL} update→output round trips; pipelined: ${WS_PIPELINED} updates, ${WS_WINDOW} in flight`,
  },
  rows,
};
const out = join(here, 'results', 'stream.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
console.log(`load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${result.loadAverage.after.map((l) => l.toFixed(2)).join(' ')}; wrote ${out}`);
