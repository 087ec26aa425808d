// Runs documented commands with bash, bounded in time: one-shot commands to completion, services
// (npm start and the like) in the background until they answer, then stopped with SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `bash -c command` in `cwd`, killed (with its process group) after `timeoutMs`. */
export function runShell(command: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
    child.once('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr: signal === 'SIGKILL' ? `${stderr}\n(killed after ${timeoutMs} ms)` : stderr });
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export interface Service {
  output: () => string;
  /** SIGTERM to the command's process (npm forwards it), then its exit status; SIGKILL to the group after 20 s. */
  stop(): Promise<{ status: number | null; signal: NodeJS.Signals | null }>;
  running: () => boolean;
}

/** Starts a long-running command and waits until `ready()` holds (at most `seconds`). */
export async function startService(command: string, cwd: string, env: NodeJS.ProcessEnv, ready: () => Promise<boolean>, seconds = 60): Promise<Service> {
  // `exec`: bash is replaced by the command (npm), so the SIGTERM below reaches npm as it would from a
  // terminal. Leading VAR=value assignments go before `exec`, which passes them on.
  const [, assignments = '', rest = command] = /^((?:[A-Za-z_]\w*=\S*\s+)*)(.*)$/s.exec(command) ?? [];
  const child = spawn('bash', ['-c', `${assignments}exec ${rest}`], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  let exit: { status: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<void>((resolve) => child.once('exit', (status, signal) => {
    exit = { status, signal };
    resolve();
  }));
  const service: Service = {
    output: () => output,
    running: () => exit === null,
    async stop() {
      if (exit === null) child.kill('SIGTERM');
      const killer = setTimeout(() => killGroup(child, 'SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
      killGroup(child, 'SIGKILL'); // anything it left behind
      return exit!;
    },
  };
  const deadline = Date.now() + seconds * 1000;
  while (!(await ready().catch(() => false))) {
    if (exit !== null || Date.now() > deadline) {
      await service.stop();
      throw new Error(`\`${command}\` ${exit === null ? `was not ready within ${seconds} s` : 'exited early'}:\n${output.slice(-2000)}`);
    }
    await sleep(200);
  }
  return service;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export const answers = (url: string): Promise<boolean> => fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
