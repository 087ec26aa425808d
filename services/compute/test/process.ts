/** The real entry point (src/main.ts) as a child process, for the lifecycle and cluster tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

export interface Service {
  child: ChildProcess;
  port: number;
  metricsPort: number;
  socket: string;
  /** The 'chitti-compute listening' log entry. */
  started: Record<string, unknown>;
  logs: Record<string, unknown>[];
  stderr: () => string;
  exited: Promise<number | null>;
  cleanup(): void;
}

export async function startService(env: Record<string, string>): Promise<Service> {
  const dir = mkdtempSync(join(tmpdir(), 'chitti-lifecycle-'));
  const socket = env.COMPUTE_SOCKET ?? join(dir, 'compute.sock');
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', METRICS_PORT: '0', HOST: '127.0.0.1', METRICS_HOST: '127.0.0.1', COMPUTE_SOCKET: socket, SPEEDUP_INTERVAL_SECONDS: '0', API_AUTH: 'disabled', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const lines = createInterface({ input: child.stdout! });
  const started = new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('service did not start in 20 s')), 20_000);
    lines.on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return; // not a log line
      }
      logs.push(entry);
      if (entry.msg === 'chitti-compute listening') {
        clearTimeout(timer);
        resolve(entry);
      }
    });
    void exited.then((code) => reject(new Error(`exited early with ${code}`)));
  });
  const entry = await started;
  return {
    child,
    port: entry.port as number,
    metricsPort: entry.metricsPort as number,
    socket,
    started: entry,
    logs,
    stderr: () => stderr,
    exited,
    cleanup: () => {
      child.kill('SIGKILL');
      // Cluster workers, if any (they also exit on their own once the primary is gone).
      for (const pid of (entry.pids as number[] | undefined) ?? []) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A POST whose body is sent in two halves, so it is in flight for as long as we like. */
export function slowRequest(port: number): { finish(): void; response: Promise<string> } {
  const body = JSON.stringify({ inputs: { close: Array.from({ length: 200 }, (_, i) => 100 + Math.sin(i)) }, params: { period: 10 } });
  const socket: Socket = connect(port, '127.0.0.1');
  socket.write(`POST /v1/indicators/sma HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
  socket.write(body.slice(0, 100));
  let data = '';
  socket.on('data', (chunk) => (data += chunk));
  const response = new Promise<string>((resolve, reject) => {
    socket.on('end', () => resolve(data));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
  });
  return { finish: () => socket.write(body.slice(100)), response };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function refused(options: { port: number; host: string } | { path: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(options as never);
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}
