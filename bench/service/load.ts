/** Shared pieces of the service benchmarks: the real entry point as a child process, load loops, stats. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Client, Pool } from 'undici';

const MAIN = fileURLToPath(new URL('../../services/compute/src/main.ts', import.meta.url));

export interface Service {
  child: ChildProcess;
  url: string;
  adminUrl: string;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** Starts src/main.ts on ephemeral loopback ports; request log lines are read and dropped. */
export async function startService(env: Record<string, string> = {}, cpus?: string): Promise<Service> {
  // With `cpus` (taskset list), the service runs on those CPUs only, apart from the load generator.
  const [cmd, args] = cpus ? ['taskset', ['-c', cpus, process.execPath, MAIN]] : [process.execPath, [MAIN]];
  // Logs go to a file, not a pipe: a load generator busy sending would not drain a pipe, and the
  // service's log writes would then stall it — measuring the generator instead of the service.
  const dir = mkdtempSync(join(tmpdir(), 'chitti-bench-'));
  const logFile = join(dir, 'service.log');
  const out = openSync(logFile, 'w');
  const child = spawn(cmd, args as string[], {
    env: { ...process.env, PORT: '0', METRICS_PORT: '0', HOST: '127.0.0.1', METRICS_HOST: '127.0.0.1', COMPUTE_SOCKET: '', API_AUTH: 'disabled', SPEEDUP_INTERVAL_SECONDS: '0', ...env },
    stdio: ['ignore', out, 'pipe'],
  });
  closeSync(out);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  let stopping = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      if (!stopping) console.error(`service exited unexpectedly: code ${code}, signal ${signal}\n${stderr}`);
      rmSync(dir, { recursive: true, force: true });
      resolve(code);
    }),
  );
  let entry: Record<string, unknown> | undefined;
  for (let i = 0; i < 600 && !entry; i++) {
    if (child.exitCode !== null) throw new Error(`service exited early with ${child.exitCode}: ${stderr}`);
    await sleep(50);
    const text = readFileSync(logFile, 'utf8');
    const line = text.split('\n').find((l) => l.includes('chitti-compute listening'));
    if (line) entry = JSON.parse(line) as Record<string, unknown>;
  }
  if (!entry) throw new Error('service did not start in 30 s');
  // Ready means the self-check passed: wait for it so start-up work is not measured.
  const adminUrl = `http://127.0.0.1:${entry.metricsPort}`;
  for (let i = 0; i < 200 && (await fetch(`${adminUrl}/ready`).catch(() => undefined))?.status !== 200; i++) await sleep(50);
  return {
    child,
    url: `http://127.0.0.1:${entry.port}`,
    adminUrl,
    exited,
    stop: async () => {
      stopping = true;
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Pins this process (the load generator) to `cpus`; returns false where taskset is unavailable. */
export function pinSelf(cpus: string): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Gauge and counter values by sample name (first sample with that exact name and labels). */
export async function scrape(adminUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${adminUrl}/metrics`)).text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line === '') continue;
    const space = line.lastIndexOf(' ');
    out.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return out;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface Sample {
  status: number;
  /** Intended (open loop) or actual start, ms on performance.now(). */
  at?: number;
  /** Milliseconds from the intended start (open loop) or the actual start (closed loop). */
  ms: number;
}

export function summarize(samples: Sample[], seconds: number) {
  const ok = samples.filter((s) => s.status === 200).map((s) => s.ms).sort((a, b) => a - b);
  const byStatus: Record<string, number> = {};
  for (const s of samples) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { requests: samples.length, perSecond: r(samples.length / seconds), okPerSecond: r(ok.length / seconds), byStatus, okP50ms: r(percentile(ok, 50)), okP99ms: r(percentile(ok, 99)), okMaxms: r(ok[ok.length - 1] ?? NaN) };
}

export interface RequestSpec {
  path: string;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** What the load loops need of a connection pool. */
export type Requester = Pick<Pool, 'request'>;

async function send(pool: Requester, req: RequestSpec): Promise<number> {
  try {
    const res = await pool.request({ method: 'POST', path: req.path, headers: req.headers, body: req.body });
    // Read to the end: dump()'s default limit (128 KiB) would reset the connection on a large response.
    await res.body.dump({ limit: Number.MAX_SAFE_INTEGER });
    return res.statusCode;
  } catch {
    return 0; // network error or timeout
  }
}

/** `concurrency` requests back to back until `ms` elapse. */
export async function closedLoop(pool: Requester, make: () => RequestSpec, concurrency: number, ms: number, stop?: { stopped: boolean }): Promise<Sample[]> {
  const samples: Sample[] = [];
  const end = performance.now() + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end && !stop?.stopped) {
        const t = performance.now();
        const status = await send(pool, make());
        samples.push({ status, ms: performance.now() - t });
      }
    }),
  );
  return samples;
}

/**
 * Requests started at `rate` per second for `ms`, latency measured from the intended start. Every
 * 5 ms all requests that are due are sent, so timer granularity never slows the offered rate.
 */
export async function openLoop(pool: Requester, make: () => RequestSpec, rate: number, ms: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const total = Math.floor((rate * ms) / 1000);
  let i = 0;
  while (i < total) {
    const now = performance.now();
    for (; i < total && start + (i * 1000) / rate <= now; i++) {
      const due = start + (i * 1000) / rate;
      pending.push(send(pool, make()).then((status) => void samples.push({ status, at: due - start, ms: performance.now() - due })));
    }
    await sleep(5);
  }
  await Promise.all(pending);
  return samples;
}

export function jsonRequest(id: string, n: number, params: Record<string, number> = {}): RequestSpec {
  const close = Array.from({ length: n }, (_, i) => Math.round((100 + 10 * Math.sin(i / 50) + (i % 7) * 0.1) * 100) / 100);
  // A Buffer, encoded once: the load generator should spend its CPU on sending, not re-encoding.
  return { path: `/v1/indicators/${id}`, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ inputs: { close }, params })) };
}

/**
 * `connections` separate connections, each request on an idle one (else the least busy): unlike
 * undici's Pool, which under an open loop kept only a handful of connections open and queued the
 * rest of the offered load in the client, where the service never saw it.
 */
export function spreadPool(url: string, connections: number): Requester & { close(): Promise<void> } {
  const clients = Array.from({ length: connections }, () => ({ client: new Client(url, { pipelining: 1, headersTimeout: 60_000, bodyTimeout: 60_000, keepAliveTimeout: 30_000 }), busy: 0 }));
  const pick = () => clients.find((c) => c.busy === 0) ?? clients.reduce((a, b) => (b.busy < a.busy ? b : a));
  return {
    request: (async (options: Parameters<Pool['request']>[0]) => {
      const c = pick();
      c.busy++;
      try {
        const res = await c.client.request(options);
        res.body.once('close', () => c.busy--);
        return res;
      } catch (err) {
        c.busy--;
        throw err;
      }
    }) as Requester['request'],
    close: async () => {
      await Promise.all(clients.map((c) => c.client.close()));
    },
  };
}

export function pool(url: string, connections: number): Pool {
  return new Pool(url, { connections, pipelining: 1, headersTimeout: 60_000, bodyTimeout: 60_000, keepAliveTimeout: 30_000 });
}

/** p99 (ms) of accepted requests per slice of the run: flat means bounded, rising means a growing queue. */
export function p99BySlice(samples: Sample[], ms: number, slices: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < slices; k++) {
    const lo = (k * ms) / slices;
    const hi = ((k + 1) * ms) / slices;
    const ok = samples.filter((s) => s.status === 200 && s.at !== undefined && s.at >= lo && s.at < hi).map((s) => s.ms).sort((a, b) => a - b);
    out.push(Math.round(percentile(ok, 99)));
  }
  return out;
}

/** The service's own p99 (ms) for a route and status between two scrapes, from histogram buckets. */
export function serverP99(before: Map<string, number>, after: Map<string, number>, route: string, status: string): number {
  const rows: [number, number][] = [];
  for (const [key, value] of after) {
    if (!key.startsWith('chitti_compute_request_duration_seconds_bucket{') || !key.includes(`route="${route}"`) || !key.includes(`status_code="${status}"`)) continue;
    const le = /le="([^"]+)"/.exec(key)![1]!;
    rows.push([le === '+Inf' ? Infinity : Number(le), value - (before.get(key) ?? 0)]);
  }
  rows.sort((a, b) => a[0] - b[0]);
  const total = rows.at(-1)?.[1] ?? 0;
  const target = total * 0.99;
  for (const [le, count] of rows) if (count >= target) return le * 1000;
  return NaN;
}

/** Least-squares slope of y over x. */
export function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxy = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return sxy / sxx;
}

/** What `drive` saw: 2xx responses, others, network errors, the seconds it took, latency of the 2xx. */
export interface Driven {
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * `seconds` of load with one request: autocannon for small requests; for large ones (bodies and
 * responses of 0.8 to 5 MB) a closed loop of `connections` requests on undici. autocannon's own
 * parsing held such cases to about 110-220 requests/s, leaving the server idle much of the time, and a
 * server idle between requests spends more CPU on each (binary 100k: 3,100-4,800 µs a request against
 * 1,522 on undici, where the server is the bottleneck). Requests in flight at the deadline finish and
 * count, and so does their time.
 */
export async function drive(origin: string, request: { method?: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string | Buffer }, connections: number, large: boolean, seconds: number): Promise<Driven> {
  if (large) {
    const p = new Pool(origin, { connections });
    const t0 = performance.now();
    const samples = await closedLoop(p, () => ({ path: request.path, headers: request.headers ?? {}, body: request.body ?? '' }), connections, seconds * 1000);
    const elapsed = (performance.now() - t0) / 1000;
    await p.close();
    const ok = samples.filter((x) => x.status >= 200 && x.status < 300).map((x) => x.ms).sort((a, b) => a - b);
    const errors = samples.filter((x) => x.status === 0).length;
    const tenth = (ms: number) => Math.round(ms * 10) / 10;
    return { ok: ok.length, non2xx: samples.length - ok.length - errors, errors, seconds: elapsed, p50Ms: tenth(percentile(ok, 50)), p99Ms: tenth(percentile(ok, 99)) };
  }
  const r = await autocannon({ url: origin + request.path, method: request.method ?? 'POST', headers: request.headers, body: request.body, connections, duration: seconds });
  return { ok: r['2xx'], non2xx: r.non2xx, errors: r.errors, seconds: r.duration, p50Ms: r.latency.p50, p99Ms: r.latency.p99 };
}
