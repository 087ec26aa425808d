/** Starts the API and the admin server on ephemeral ports and a temporary Unix socket. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import { buildAdmin } from '../src/admin-server.ts';
import { buildApp, type AppOptions } from '../src/app.ts';
import { listen, type Listening } from '../src/listeners.ts';

export interface Harness {
  app: FastifyInstance;
  admin: FastifyInstance;
  listening: Listening;
  tcp: string;
  adminUrl: string;
  socket: string;
  unixAgent: Agent;
  /** Request over TCP ('tcp') or the Unix socket ('unix'). */
  call(via: 'tcp' | 'unix', path: string, init?: CallInit): Promise<Reply>;
  close(): Promise<void>;
}

export interface CallInit {
  method?: Dispatcher.HttpMethod;
  headers?: Record<string, string>;
  body?: string | Buffer | Uint8Array;
  json?: unknown;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text(): string;
  json(): any;
}

export async function start(options: AppOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'chitti-compute-test-'));
  const socket = join(dir, 'compute.sock');
  const app = await buildApp({ speedupIntervalSeconds: -1, ...options });
  const admin = await buildAdmin(app);
  await admin.listen({ host: '127.0.0.1', port: 0 });
  const listening = await listen(app, { host: '127.0.0.1', port: 0, socket, idleCloseGraceMs: 50 });
  const unixAgent = new Agent({ connect: { socketPath: socket } });
  const tcp = `http://127.0.0.1:${listening.port}`;
  const adminUrl = `http://127.0.0.1:${(admin.server.address() as AddressInfo).port}`;
  const call = async (via: 'tcp' | 'unix', path: string, init: CallInit = {}): Promise<Reply> => {
    const headers = { ...init.headers };
    let body = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] ??= 'application/json';
    }
    const res = await undiciRequest(via === 'tcp' ? tcp + path : `http://localhost${path}`, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      ...(via === 'unix' ? { dispatcher: unixAgent } : {}),
    });
    const buf = Buffer.from(await res.body.arrayBuffer());
    return { status: res.statusCode, headers: res.headers, body: buf, text: () => buf.toString('utf8'), json: () => JSON.parse(buf.toString('utf8')) };
  };
  return {
    app,
    admin,
    listening,
    tcp,
    adminUrl,
    socket,
    unixAgent,
    call,
    close: async () => {
      await unixAgent.close();
      await listening.close();
      await admin.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A deterministic price walk. */
export function prices(n: number, seed = 1): number[] {
  let s = seed;
  let p = 100;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    p = Math.max(1, p + (s / 2147483648 - 0.5) * 2);
    out.push(Math.round(p * 100) / 100);
  }
  return out;
}

/** OHLCV inputs (and real0, real1 for the two-series indicators, periods for MAVP) for any indicator's declared inputs. */
export function inputsFor(names: readonly string[], n: number, seed = 1): Record<string, number[]> {
  const close = prices(n, seed);
  const all: Record<string, number[]> = {
    close,
    open: close.map((c, i) => (i === 0 ? c : close[i - 1]!)),
    high: close.map((c) => c + 1.25),
    low: close.map((c) => c - 1.5),
    volume: close.map((_, i) => 1000 + ((i * 7919) % 5000)),
    real0: close,
    real1: prices(n, seed + 1000),
    // A period per bar, 0.5 to 45.5, fractional (MAVP truncates and clamps them).
    periods: close.map((_, i) => 0.5 + ((i * 7919 + seed) % 46)),
  };
  return Object.fromEntries(names.map((name) => [name, all[name]!]));
}

/** Little-endian float64 bytes of the given arrays, concatenated. */
export function f64le(...arrays: number[][]): Buffer {
  const n = arrays.reduce((a, b) => a + b.length, 0);
  const buf = Buffer.alloc(n * 8);
  let k = 0;
  for (const arr of arrays) for (const v of arr) buf.writeDoubleLE(v, 8 * k++);
  return buf;
}

export function readF64le(buf: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i < buf.length; i += 8) out.push(buf.readDoubleLE(i));
  return out;
}
