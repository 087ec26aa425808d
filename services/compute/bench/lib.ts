/** Shared pieces of the service benchmarks: the real entry point as a child process, load loops, stats. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

export interface Service {
  child: ChildProcess;
  url: string;
  adminUrl: string;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** Starts src/main.ts on ephemeral loopback ports; request log lines are read and dropped. */
export async function startService(env: Record<string, string> = {}): Promise<Service> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', METRICS_PORT: '0', HOST: '127.0.0.1', METRICS_HOST: '127.0.0.1', COMPUTE_SOCKET: '', API_AUTH: 'disabled', SPEEDUP_INTERVAL_SECONDS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const entry = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('service did not start in 30 s')), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('chitti-compute listening')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line) as Record<string, unknown>);
    });
    void exited.then((code) => reject(new Error(`service exited early with ${code}`)));
  });
  // Ready means the self-check passed: wait for it so start-up work is not measured.
  const adminUrl = `http://127.0.0.1:${entry.metricsPort}`;
  for (let i = 0; i < 200 && (await fetch(`${adminUrl}/ready`).catch(() => undefined))?.status !== 200; i++) await sleep(50);
  return {
    child,
    url: `http://127.0.0.1:${entry.port}`,
    adminUrl,
    exited,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
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

async function send(pool: Pool, req: RequestSpec): Promise<number> {
  try {
    const res = await pool.request({ method: 'POST', path: req.path, headers: req.headers, body: req.body });
    await res.body.dump();
    return res.statusCode;
  } catch {
    return 0; // network error or timeout
  }
}

/** `concurrency` requests back to back until `ms` elapse. */
export async function closedLoop(pool: Pool, make: () => RequestSpec, concurrency: number, ms: number, stop?: { stopped: boolean }): Promise<Sample[]> {
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

/** Requests started at `rate` per second for `ms`, latency measured from the intended start. */
export async function openLoop(pool: Pool, make: () => RequestSpec, rate: number, ms: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const total = Math.floor((rate * ms) / 1000);
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(send(pool, make()).then((status) => void samples.push({ status, ms: performance.now() - due })));
  }
  await Promise.all(pending);
  return samples;
}

export function jsonRequest(id: string, n: number, params: Record<string, number> = {}): RequestSpec {
  const close = Array.from({ length: n }, (_, i) => Math.round((100 + 10 * Math.sin(i / 50) + (i % 7) * 0.1) * 100) / 100);
  return { path: `/v1/indicators/${id}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ inputs: { close }, params }) };
}

export function pool(url: string, connections: number): Pool {
  return new Pool(url, { connections, pipelining: 1, headersTimeout: 60_000, bodyTimeout: 60_000, keepAliveTimeout: 30_000 });
}
