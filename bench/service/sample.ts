// Servers, checks and samples of the service benchmark.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Case } from './cases.ts';
import type { FromServer, ServerMode, ToServer } from './modes.ts';
import { drive, type Driven } from './load.ts';

const here = dirname(fileURLToPath(import.meta.url));

export interface Server {
  child: ChildProcess;
  port: number;
}

/** A server child; `script` is another checkout's server.ts (see versions.ts), by default this one's. */
export function startServer(mode: ServerMode, script = join(here, 'server.ts')): Promise<Server> {
  const child = fork(script, [mode], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} server did not start in 30 s`)), 30_000);
    child.once('message', (msg: FromServer) => {
      clearTimeout(timer);
      resolve({ child, port: 'port' in msg ? msg.port : 0 });
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

export function stopServer(server: Server): void {
  server.child.send('close' satisfies ToServer);
}

/** The server process's CPU time so far (all its threads, user + system), µs. */
function serverCpu(server: Server): Promise<number> {
  return new Promise((resolve) => {
    const on = (msg: FromServer) => {
      if (!('cpuMicros' in msg)) return;
      server.child.off('message', on);
      resolve(msg.cpuMicros);
    };
    server.child.on('message', on);
    server.child.send('cpu' satisfies ToServer);
  });
}

/** One request: it must answer 200; returns the response body. */
export async function check(server: Server, c: Case): Promise<Buffer> {
  const res = await fetch(`http://127.0.0.1:${server.port}${c.request.path}`, { method: c.request.method, headers: c.request.headers, body: c.request.body });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`${c.id}: status ${res.status}: ${body.toString().slice(0, 300)}`);
  return body;
}

export interface Sample {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Server CPU (all threads) per response during the sample, µs. */
  cpuMicrosPerRequest: number;
  /** Responses other than 2xx (e.g. 503 when the worker queue is full): not in requestsPerSecond. */
  non2xx: number;
  errors: number;
}

/** `seconds` of load on the server (load.ts, drive: autocannon, or undici's closed loop for large requests). */
const run = (server: Server, c: Case, seconds: number): Promise<Driven> =>
  drive(`http://127.0.0.1:${server.port}`, c.request, c.connections, c.large, seconds);

/** A warm-up (not counted), then `seconds` of load with the server's CPU time read around it. */
export async function sample(server: Server, c: Case, seconds: number, warmupSeconds: number): Promise<Sample> {
  await run(server, c, warmupSeconds);
  const cpu0 = await serverCpu(server);
  const r = await run(server, c, seconds);
  const cpu1 = await serverCpu(server);
  const responses = r.ok + r.non2xx;
  return {
    requestsPerSecond: r.ok / r.seconds,
    p50Ms: r.p50Ms,
    p99Ms: r.p99Ms,
    cpuMicrosPerRequest: responses > 0 ? (cpu1 - cpu0) / responses : NaN,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}
