// `npm start` as the README runs it, signalled as a process manager or a terminal would: SIGTERM to
// the npm process must drain and stop the service, leaving no process and no listener behind.
// Runs the machine's npm (whatever PATH has), on ephemeral ports and a private socket path.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Every descendant of `pid` (Linux /proc). */
function descendants(pid: number): number[] {
  const children = (p: number): number[] => {
    const dir = `/proc/${p}/task`;
    if (!existsSync(dir)) return [];
    return readdirSync(dir).flatMap((tid) => {
      try {
        return readFileSync(`${dir}/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
      } catch {
        return [];
      }
    });
  };
  const all: number[] = [];
  for (let queue = children(pid); queue.length > 0;) {
    const next = queue.shift()!;
    all.push(next);
    queue.push(...children(next));
  }
  return all;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

async function until(seconds: number, what: () => string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${seconds} s: ${what()}`);
    await sleep(100);
  }
}

describe('npm start', { skip: process.platform !== 'linux' ? 'reads /proc (Linux only)' : false }, () => {
  let npm: ChildProcess | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'chitti-npm-start-'));
  after(() => {
    // The whole process group, should the test have failed half-way (npm may be gone, its children not).
    if (npm?.pid) {
      try {
        process.kill(-npm.pid, 'SIGKILL');
      } catch {
        // nothing left
      }
    }
    npm?.stdout?.destroy();
    npm?.stderr?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops and drains the service when the npm process gets SIGTERM', { timeout: 120_000 }, async () => {
    const [port, metricsPort] = [await freePort(), await freePort()];
    let output = '';
    npm = spawn('npm', ['start'], {
      cwd: root,
      // Its own process group, so a failed test can still remove everything it started.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: String(port), METRICS_PORT: String(metricsPort), COMPUTE_SOCKET: join(dir, 'compute.sock'), LOG_LEVEL: 'info' },
    });
    npm.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    npm.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<void>((resolve) => npm!.once('exit', () => resolve()));

    let running = true;
    void exited.then(() => (running = false));
    await until(60, () => `the service answers /ready on ${metricsPort}\n${output}`, () => {
      if (!running) assert.fail(`npm start exited before the service was ready:\n${output}`);
      return fetch(`http://127.0.0.1:${metricsPort}/ready`).then((r) => r.ok, () => false);
    });
    const service = descendants(npm.pid!);
    assert.ok(service.length > 0, 'npm start has child processes');

    process.kill(npm.pid!, 'SIGTERM');
    await Promise.race([exited, sleep(30_000).then(() => assert.fail(`npm did not exit within 30 s of SIGTERM\n${output}`))]);
    await until(15, () => `every process npm started is gone (${service.filter(alive).join(', ')} still alive)\n${output}`, () => !service.some(alive));
    assert.equal(await accepts(port), false, `port ${port} still accepts connections`);
    assert.equal(await accepts(metricsPort), false, `port ${metricsPort} still accepts connections`);
    assert.match(output, /draining: readiness false/, 'the service drained');
    assert.match(output, /drained; exiting/, 'the service finished draining');
  });
});
