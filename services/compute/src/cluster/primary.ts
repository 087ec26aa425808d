/**
 * Cluster mode (WORKERS=N > 1): this process forks N workers that share the API's TCP port and Unix
 * socket (node:cluster hands connections out round-robin), restarts a worker that dies (with
 * backoff), serves the admin port for the whole group and drains every worker on SIGTERM/SIGINT.
 */
import cluster, { type Worker } from 'node:cluster';
import { renameSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import type { Logger } from 'pino';
import { kernelStatus } from '@chitti/kernels';
import type { Config } from '../env-config.ts';
import { bindPathFor, checkSocketDirectory, clearStaleSocket, removeOwnSocket, resolveGroup, socketFile, type SocketFile } from '../listeners.ts';
import type { ScopeMetrics } from '@opentelemetry/sdk-metrics';
import { VERSION } from '../app.ts';
import { registerProcessMetrics } from '../metrics.ts';
import { serviceResource } from '../otel-metrics.ts';
import { retireOtel } from './otel-aggregate.ts';
import { buildClusterAdmin } from './primary-admin-server.ts';
import { retire, type MetricJson, type Snapshot } from './aggregate.ts';
import { Questions, isFromWorker, type Readiness } from './ipc.ts';

const METRICS_TIMEOUT_MS = 5_000;
const READY_TIMEOUT_MS = 2_000;
/** Restart delays double with each exit of the same slot within this window, up to the cap. */
const CRASH_WINDOW_MS = 60_000;
const FIRST_RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 30_000;

interface Slot {
  index: number;
  worker: Worker | undefined;
  /** The worker reported both listeners up. */
  listening: boolean;
  exited: Promise<number>;
  /** Exit times in the crash window, for the backoff. */
  exits: number[];
  /** The worker's metrics as last scraped, retired when it exits. */
  last: MetricJson[] | undefined;
  lastOtel: ScopeMetrics[] | undefined;
  restartTimer: NodeJS.Timeout | undefined;
}

export async function runPrimary(config: Config, logger: Logger): Promise<void> {
  cluster.setupPrimary({ serialization: 'advanced' });
  // With round-robin scheduling the primary binds the shared Unix socket for the workers, so the
  // file is created with this process's umask: 0660 from the start, as in single-process mode.
  process.umask(0o117);
  // Workers bind here; the file is renamed to COMPUTE_SOCKET once all listen (see bindPathFor).
  const bindPath = config.socket === '' ? '' : bindPathFor(config.socket, `${process.pid}-cluster`);
  if (config.socket !== '') {
    try {
      // Checked here too, so that a bad group or directory stops the start before anything is bound.
      checkSocketDirectory(config.socket);
      if (config.socketGroup) resolveGroup(config.socketGroup);
      await clearStaleSocket(config.socket);
      if (bindPath !== config.socket) await clearStaleSocket(bindPath);
    } catch (err) {
      logger.fatal({ err }, 'could not start listening');
      process.exit(1);
    }
  }

  const questions = new Questions();
  const primaryRegistry = new Registry(); // the primary's own runtime metrics
  registerProcessMetrics(primaryRegistry);
  let retired: Promise<MetricJson[]> = Promise.resolve([]);
  let retiredOtel: ScopeMetrics[] = [];
  let started = false;
  let shuttingDown = false;
  let port = 0;
  let socket: string | null = null;
  /** The socket file the workers bound through us, so that shutdown removes that file only. */
  let ownSocket: SocketFile | undefined;
  let startup!: { resolve: () => void; reject: (err: Error) => void };
  const allListening = new Promise<void>((resolve, reject) => (startup = { resolve, reject }));

  const slots: Slot[] = Array.from({ length: config.processes }, (_, index) => ({ index, worker: undefined, listening: false, exited: Promise.resolve(0), exits: [], last: undefined, lastOtel: undefined, restartTimer: undefined }));

  function fork(slot: Slot): void {
    const worker = cluster.fork({ CHITTI_CLUSTER_SLOT: String(slot.index), CHITTI_SOCKET_BIND_PATH: bindPath });
    slot.worker = worker;
    slot.listening = false;
    worker.on('message', (message: unknown) => {
      if (!isFromWorker(message)) return;
      if (message.type === 'chitti:answer') return questions.settle(message);
      slot.listening = true;
      port = message.port;
      socket = message.socket;
      if (!started && slots.every((s) => s.listening)) startup.resolve();
    });
    slot.exited = new Promise((resolve) => {
      worker.once('exit', (code, signal) => {
        resolve(code ?? 1);
        onExit(slot, worker, code, signal);
      });
    });
  }

  function onExit(slot: Slot, worker: Worker, code: number | null, signal: string | null): void {
    if (slot.worker !== worker) return;
    slot.worker = undefined;
    slot.listening = false;
    const last = slot.last;
    const lastOtel = slot.lastOtel;
    slot.last = undefined;
    slot.lastOtel = undefined;
    if (last) retired = retired.then((r) => retire(r, last));
    if (lastOtel) retiredOtel = retireOtel(retiredOtel, lastOtel);
    if (shuttingDown) return;
    if (!started) {
      startup.reject(new Error(`worker ${slot.index} (pid ${worker.process.pid}) exited during start-up with code ${code}, signal ${signal}`));
      return;
    }
    const now = Date.now();
    slot.exits = [...slot.exits.filter((t) => now - t < CRASH_WINDOW_MS), now];
    const delay = Math.min(MAX_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** (slot.exits.length - 1));
    logger.error({ worker: slot.index, pid: worker.process.pid, code, signal, exitsInLastMinute: slot.exits.length, restartInMs: delay }, 'cluster worker exited; restarting it');
    slot.restartTimer = setTimeout(() => {
      slot.restartTimer = undefined;
      if (!shuttingDown) fork(slot);
    }, delay);
  }

  async function snapshots(): Promise<Snapshot[]> {
    const live = slots.filter((s) => s.worker !== undefined && s.listening && s.worker.isConnected());
    const answers = await Promise.all(live.map((s) => questions.ask(s.worker!, 'metrics', METRICS_TIMEOUT_MS)));
    live.forEach((s, i) => {
      s.last = answers[i]!.metrics ?? [];
      s.lastOtel = answers[i]!.otel ?? [];
    });
    return [
      { worker: 'primary', metrics: (await primaryRegistry.getMetricsAsJSON()) as unknown as MetricJson[] },
      ...live.map((s) => ({ worker: String(s.index), metrics: s.last!, otel: s.lastOtel })),
      { worker: 'retired', metrics: await retired, otel: retiredOtel },
    ];
  }

  async function readiness(): Promise<Readiness> {
    if (shuttingDown) return { ready: false, reason: 'draining' };
    const states = await Promise.all(
      slots.map(async (s): Promise<Readiness> => {
        if (!s.worker || !s.listening) return { ready: false, reason: `worker ${s.index}: starting` };
        try {
          const answer = await questions.ask(s.worker, 'ready', READY_TIMEOUT_MS);
          return { ready: answer.ready?.ready === true, reason: `worker ${s.index}: ${answer.ready?.reason ?? 'no answer'}` };
        } catch (err) {
          return { ready: false, reason: `worker ${s.index}: ${(err as Error).message}` };
        }
      }),
    );
    const notReady = states.filter((s) => !s.ready);
    if (notReady.length > 0) return { ready: false, reason: notReady.map((s) => s.reason).join('; ') };
    return { ready: true, reason: `${slots.length} workers ready; ${states[0]!.reason.replace(/^worker 0: /, '')}` };
  }

  // The workers' resource (same attributes in every process): target_info of the group.
  const admin = buildClusterAdmin({ snapshots, readiness, otelResource: serviceResource(VERSION) }, logger);

  async function shutdown(signal: string): Promise<void> {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal, workers: slots.length, timeoutMs: config.shutdownTimeoutMs }, 'draining: readiness false, workers finishing in-flight requests');
    for (const s of slots) {
      clearTimeout(s.restartTimer);
      s.worker?.process.kill('SIGTERM');
    }
    // Each worker enforces SHUTDOWN_TIMEOUT_MS itself; this is the backstop for one that hangs.
    const backstop = config.drainDelayMs + config.shutdownTimeoutMs + 5_000;
    let timer: NodeJS.Timeout | undefined;
    const codes = await Promise.race([
      Promise.all(slots.map((s) => s.exited)),
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), backstop))),
    ]);
    clearTimeout(timer);
    if (!codes) {
      logger.error({ backstopMs: backstop }, 'workers still running after the shutdown timeout; killing them');
      for (const s of slots) s.worker?.process.kill('SIGKILL');
    }
    await admin.close();
    if (ownSocket) removeOwnSocket(ownSocket);
    const clean = codes !== undefined && codes.every((c) => c === 0);
    if (clean) logger.info('all workers drained; exiting');
    else logger.error({ exitCodes: codes ?? null }, 'exiting; not every worker drained cleanly');
    process.exit(clean ? 0 : 1);
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGHUP', () => {
    logger.info('SIGHUP: passed on to the workers (token reload)');
    for (const s of slots) s.worker?.process.kill('SIGHUP');
  });

  for (const slot of slots) fork(slot);
  try {
    await allListening;
    started = true;
    if (socket !== null) {
      if (bindPath !== socket) renameSync(bindPath, socket);
      ownSocket = socketFile(socket);
    }
    await admin.listen({ host: config.metricsHost, port: config.metricsPort });
  } catch (err) {
    logger.fatal({ err }, 'could not start listening');
    shuttingDown = true;
    for (const s of slots) s.worker?.process.kill('SIGTERM');
    await Promise.race([Promise.all(slots.map((s) => s.exited)), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    process.exit(1);
  }
  logger.info(
    {
      port,
      socket,
      metricsPort: (admin.server.address() as AddressInfo).port,
      workers: slots.length,
      pids: slots.map((s) => s.worker?.process.pid),
      kernels: kernelStatus(),
      workerThreads: config.workers.threads,
    },
    'chitti-compute listening',
  );
}
