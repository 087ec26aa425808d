/**
 * Hostile-client attacks on the real entry point (src/main.ts, one process, authentication on):
 * what each does to the service's resident memory and to /health's latency, and what the attacker
 * and an honest client get meanwhile. One fresh service per attack, defaults unless noted.
 *
 *   node bench/service/attacks.ts [attack ...]     (default: all; ATTACK_OUT=file.json saves)
 *
 * - stream-state: 10 WebSocket connections each opening up to 1,000 SMA(100000) streams (issue 15, item 1).
 * - tampered-snapshots: 4 connections restoring 500 tampered snapshots each, then updating (item 2).
 * - idle-websockets: 300 WebSocket connections held open with one token, while an honest client
 *   sends HTTP requests (item 3).
 * - slow-bodies: 256 connections sending a request body one byte every 10 s, while an honest client
 *   sends HTTP requests (item 4; runs 40 s, past REQUEST_TIMEOUT_MS).
 * - pipelined-messages: 20,000 pipelined peeks of an SMA(100000) stream in one write (item 5).
 * - deep-json: 4 concurrent 30 MB bodies of nested brackets, parsed in the worker pool (item 6).
 *
 * Resident memory is the service process's VmRSS (all threads), sampled every 100 ms; /health is
 * asked every 100 ms on the admin port, which shares the event loop with the API, so its latency
 * shows how long the loop was held.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { loadavg } from 'node:os';
import fc from 'fast-check';
import { Pool, WebSocket, request } from 'undici';
import { percentile, scrape, sleep, startService, type Service } from './load.ts';
import { getIndicator } from '@chitti/kernels';
import { barFor, tampered } from '../../services/compute/test/tamper.ts';

const ATTACKER = 'attacker-token-0123456789abcdef';
const ATTACKER_HTTP = 'attacker-http-token-0123456789ab';
const HONEST = 'honest-token-0123456789abcdefgh';
const MiB = 2 ** 20;

interface Monitor {
  stop(): Promise<{ rssMiB: { before: number; peak: number; after: number }; health: { n: number; p50: number; p99: number; max: number; failed: number } }>;
}

function rss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/**
 * Asks /health every 100 ms from a process of its own, so that the attacker's work in this process
 * does not show as the service's latency; prints the latencies when it gets SIGTERM.
 */
const PROBE = `
const url = process.argv[1];
const latencies = [];
let failed = 0;
let running = true;
process.on('SIGTERM', () => (running = false));
(async () => {
  // The first request pays for the client's own start-up: not measured.
  await (await fetch(url)).arrayBuffer();
  process.stderr.write('ready\\n');
  while (running) {
    const t0 = performance.now();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(60000) });
      await res.arrayBuffer();
      if (res.status !== 200) failed++;
    } catch {
      failed++;
    }
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, Math.max(0, 100 - (performance.now() - t0))));
  }
  process.stdout.write(JSON.stringify({ latencies, failed }));
})();
`;

/** Samples resident memory and /health latency until stopped; `after` is read 5 s after the stop. */
async function monitor(svc: Service): Promise<Monitor> {
  const pid = svc.child.pid!;
  const before = rss(pid);
  let peak = before;
  const sampler = setInterval(() => {
    try {
      const now = rss(pid);
      if (now > peak) peak = now;
    } catch {
      // process gone
    }
  }, 100);
  const probe = spawn(process.execPath, ['-e', PROBE, `${svc.adminUrl}/health`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  probe.stdout!.on('data', (c: Buffer) => (out += c));
  const probed = new Promise<void>((resolve) => probe.once('exit', () => resolve()));
  await new Promise<void>((resolve) => probe.stderr!.once('data', () => resolve()));
  return {
    async stop() {
      clearInterval(sampler);
      probe.kill('SIGTERM');
      await probed;
      const { latencies, failed } = JSON.parse(out || '{"latencies":[],"failed":0}') as { latencies: number[]; failed: number };
      await sleep(5_000);
      let after = NaN;
      try {
        after = rss(pid);
      } catch {
        // process gone
      }
      const sorted = latencies.sort((a, b) => a - b);
      const r = (x: number) => Math.round(x * 10) / 10;
      return {
        rssMiB: { before: Math.round(before / MiB), peak: Math.round(peak / MiB), after: Math.round(after / MiB) },
        health: { n: sorted.length, p50: r(percentile(sorted, 50)), p99: r(percentile(sorted, 99)), max: r(sorted.at(-1) ?? NaN), failed },
      };
    },
  };
}

/** A WebSocket client that sends one message and awaits its reply. */
class Ws {
  readonly ws: WebSocket;
  private readonly waiting: ((m: Record<string, any>) => void)[] = [];
  readonly closed: Promise<void>;
  private gone = false;
  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.onmessage = (e) => this.waiting.shift()?.(JSON.parse(String(e.data)));
    this.closed = new Promise((resolve) =>
      ws.addEventListener('close', () => {
        this.gone = true;
        for (const w of this.waiting.splice(0)) w({ op: 'connection lost' });
        resolve();
      }),
    );
  }
  static open(url: string, token: string): Promise<Ws | number> {
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
    const client = new Ws(ws);
    return new Promise((resolve) => {
      ws.addEventListener('open', () => resolve(client));
      ws.addEventListener('error', () => resolve(0));
    });
  }
  ask(msg: unknown, timeoutMs = 30_000): Promise<Record<string, any>> {
    if (this.gone) return Promise.resolve({ op: 'connection lost' });
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ op: 'timeout' }), timeoutMs);
      this.waiting.push((m) => (clearTimeout(timer), resolve(m)));
      this.ws.send(JSON.stringify(msg));
    });
  }
}

const tally = (list: string[]) => list.reduce<Record<string, number>>((m, k) => ((m[k] = (m[k] ?? 0) + 1), m), {});
const outcome = (m: Record<string, any>) => (m.op === 'error' ? m.code : m.op) as string;

/** An honest client: small HTTP requests, one at a time, every 20 ms, until stopped. */
function honestClient(svc: Service) {
  const pool = new Pool(svc.url, { connections: 2 });
  const statuses: string[] = [];
  /** When each answer came, ms on performance.now(). */
  const times: number[] = [];
  let running = true;
  const body = JSON.stringify({ inputs: { close: Array.from({ length: 200 }, (_, i) => 100 + Math.sin(i)) }, params: { period: 10 } });
  const loop = (async () => {
    while (running) {
      try {
        const res = await pool.request({ method: 'POST', path: '/v1/indicators/sma', headers: { 'content-type': 'application/json', authorization: `Bearer ${HONEST}` }, body, headersTimeout: 60_000 });
        await res.body.dump();
        statuses.push(String(res.statusCode));
      } catch (err) {
        statuses.push((err as { code?: string }).code ?? 'error');
      }
      times.push(performance.now());
      await sleep(20);
    }
  })();
  return {
    statuses,
    times,
    async stop() {
      running = false;
      await loop;
      await pool.destroy();
      return tally(statuses);
    },
  };
}

type Attack = (svc: Service, ws: string) => Promise<Record<string, unknown>>;

/** Generated before any attack starts (generating them takes this process's time). */
const TAMPERED = fc.sample(tampered, { numRuns: 2000, seed: 7 }).map((t) => ({
  ...t,
  bars: fc.sample(barFor(String(t.snapshot.id)), { numRuns: 5, seed: 1 }).map((bar) => Object.fromEntries(getIndicator(String(t.snapshot.id)).inputs.map((n) => [n, bar[n]]))),
}));

const attacks: Record<string, Attack> = {
  async 'stream-state'(_svc, url) {
    const results = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const c = await Ws.open(url, ATTACKER);
        if (typeof c === 'number') return ['connection refused'];
        const out: string[] = [];
        for (let i = 0; i < 1000; i++) {
          const reply = outcome(await c.ask({ op: 'open', key: `s${i}`, id: 'sma', params: { period: 100_000 } }));
          out.push(reply);
          if (reply === 'connection lost') break;
        }
        return out;
      }),
    );
    return { opens: tally(results.flat()) };
  },

  async 'tampered-snapshots'(_svc, url) {
    const samples = TAMPERED;
    const results = await Promise.all(
      [0, 1, 2, 3].map(async (k) => {
        const c = await Ws.open(url, ATTACKER);
        if (typeof c === 'number') return ['connection refused'];
        const out: string[] = [];
        for (const [i, t] of samples.slice(k * 500, (k + 1) * 500).entries()) {
          const opened = await c.ask({ op: 'open', key: `t${i}`, restore: t.snapshot });
          out.push(`restore ${outcome(opened)}`);
          if (opened.op !== 'opened') continue;
          for (const bar of t.bars) out.push(`update ${outcome(await c.ask({ op: 'update', key: `t${i}`, bar }))}`);
          await c.ask({ op: 'close', key: `t${i}` });
        }
        c.ws.close();
        return out;
      }),
    );
    return { replies: tally(results.flat()) };
  },

  async 'idle-websockets'(svc, url) {
    const honest = honestClient(svc);
    const sockets = await Promise.all(Array.from({ length: 300 }, () => Ws.open(url, ATTACKER)));
    const open = sockets.filter((s): s is Ws => typeof s !== 'number');
    await sleep(10_000);
    const metrics = await scrape(svc.adminUrl);
    for (const s of open) s.ws.close();
    return {
      webSocketsOpened: open.length,
      refused: sockets.length - open.length,
      streamConnectionsGauge: metrics.get('chitti_compute_stream_connections') ?? null,
      honestHttp: await honest.stop(),
    };
  },

  async 'slow-bodies'(svc) {
    const port = Number(new URL(svc.url).port);
    const honest = honestClient(svc);
    const sockets: Socket[] = [];
    const cutAt: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < 256; i++) {
      const s = connect(port, '127.0.0.1');
      s.on('error', () => undefined);
      s.resume(); // reads (and drops) whatever comes back, so that the close is seen
      s.once('close', () => cutAt.push(performance.now() - t0));
      s.write(`POST /v1/indicators/sma HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ATTACKER_HTTP}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`);
      sockets.push(s);
    }
    const drip = setInterval(() => sockets.forEach((s) => s.writable && s.write(' ')), 10_000);
    await sleep(40_000);
    clearInterval(drip);
    const refusedUntil = honest.statuses.reduce((last, s, i) => (s !== '200' ? honest.times[i]! : last), t0);
    sockets.forEach((s) => s.destroy());
    const metricsAfter = await scrape(svc.adminUrl);
    const cuts = cutAt.sort((a, b) => a - b);
    return {
      attackersCut: cuts.length,
      cutAfterSeconds: cuts.length ? [Math.round(cuts[0]! / 100) / 10, Math.round(cuts.at(-1)! / 100) / 10] : null,
      honestHttp: await honest.stop(),
      honestRefusedForSeconds: Math.round((refusedUntil - t0) / 100) / 10,
      cutCounters: Object.fromEntries(['request_timeout', 'idle_timeout'].map((r) => [r, metricsAfter.get(`chitti_compute_connections_cut_total{reason="${r}"}`) ?? null])),
    };
  },

  async 'pipelined-messages'(svc) {
    const port = Number(new URL(svc.url).port);
    const s = connect(port, '127.0.0.1');
    s.on('error', () => undefined);
    await new Promise((r) => s.once('connect', r));
    s.write(`GET /v1/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${Buffer.alloc(16, 3).toString('base64')}\r\nAuthorization: Bearer ${ATTACKER}\r\n\r\n`);
    await new Promise((r) => s.once('data', r));
    let received = '';
    s.on('data', (c: Buffer) => (received += c.toString('latin1')));
    const frame = (text: string) => {
      const payload = Buffer.from(text);
      const n = payload.length;
      const head = n < 126 ? Buffer.from([0x81, 0x80 | n]) : Buffer.from([0x81, 0x80 | 126, n >> 8, n & 255]);
      return Buffer.concat([head, Buffer.alloc(4), payload]);
    };
    s.write(frame(JSON.stringify({ op: 'open', key: 's', id: 'sma', params: { period: 100_000 } })));
    await sleep(200);
    const peek = frame(JSON.stringify({ op: 'peek', key: 's', bar: { close: 1 } }));
    const t0 = performance.now();
    s.write(Buffer.concat(Array.from({ length: 20_000 }, () => peek)));
    const count = (re: RegExp) => received.match(re)?.length ?? 0;
    while (count(/"op":"(peeked|error)"/g) < 20_000 && performance.now() - t0 < 120_000 && !s.destroyed) await sleep(250);
    const seconds = (performance.now() - t0) / 1000;
    s.destroy();
    return { answered: count(/"op":"(peeked|error)"/g), peeked: count(/"op":"peeked"/g), rateLimited: count(/RATE_LIMITED/g), secondsToAnswerAll: Math.round(seconds * 10) / 10 };
  },

  async 'deep-json'(svc) {
    const depth = 15_000_000; // 30 MB
    const body = Buffer.from(`{"inputs":{"close":${'['.repeat(depth)}${']'.repeat(depth)}}}`);
    const t0 = performance.now();
    const statuses = await Promise.all(
      [0, 1, 2, 3].map(async () => {
        try {
          const res = await request(`${svc.url}/v1/indicators/sma`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ATTACKER_HTTP}` }, body, headersTimeout: 120_000, bodyTimeout: 120_000 });
          const text = await res.body.text();
          return `${res.statusCode} ${/"code":"(\w+)"/.exec(text)?.[1] ?? ''}`.trim();
        } catch (err) {
          return (err as { code?: string }).code ?? 'error';
        }
      }),
    );
    return { answers: tally(statuses), seconds: Math.round((performance.now() - t0) / 100) / 10 };
  },
};

const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(attacks);
const results: Record<string, unknown>[] = [];
const { mkdtempSync, rmSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const dir = mkdtempSync(join(tmpdir(), 'chitti-attacks-'));
const tokens = join(dir, 'tokens');
writeFileSync(tokens, `${ATTACKER} attacker stream\n${ATTACKER_HTTP} attacker-http compute,batch\n${HONEST} honest *\n`);
for (const name of chosen) {
  const attack = attacks[name];
  if (!attack) throw new Error(`unknown attack ${name}; known: ${Object.keys(attacks).join(', ')}`);
  const svc = await startService({ API_AUTH: 'required', API_TOKENS_FILE: tokens });
  const load = loadavg()[0]!;
  const mon = await monitor(svc);
  const t0 = performance.now();
  let result: Record<string, unknown>;
  try {
    result = await attack(svc, `${svc.url.replace('http', 'ws')}/v1/stream`);
  } catch (err) {
    result = { error: String(err) };
  }
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  const observed = await mon.stop();
  const alive = svc.child.exitCode === null && (await fetch(`${svc.adminUrl}/health`).then((r) => r.status, () => 0)) === 200;
  const row = { attack: name, seconds, loadAverage: Math.round(load * 100) / 100, alive, ...observed, result };
  results.push(row);
  console.log(JSON.stringify(row));
  if (svc.child.exitCode === null) await svc.stop();
}
rmSync(dir, { recursive: true, force: true });

console.log('\n| attack | s | RSS before / peak / 5 s after MiB | /health p50 / p99 / max ms (failed) | alive |');
console.log('|---|---|---|---|---|');
for (const r of results as { attack: string; seconds: number; rssMiB: { before: number; peak: number; after: number }; health: { p50: number; p99: number; max: number; failed: number }; alive: boolean }[]) {
  console.log(`| ${r.attack} | ${r.seconds} | ${r.rssMiB.before} / ${r.rssMiB.peak} / ${r.rssMiB.after} | ${r.health.p50} / ${r.health.p99} / ${r.health.max} (${r.health.failed}) | ${r.alive ? 'yes' : 'NO'} |`);
}
if (process.env.ATTACK_OUT) writeFileSync(process.env.ATTACK_OUT, JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2) + '\n');
