/**
 * One serving process: tracing, the API on TCP and the Unix socket, and (alone, not in a cluster)
 * the admin server on METRICS_PORT; drains gracefully on SIGTERM/SIGINT. In cluster mode each worker
 * runs this without the admin server: the primary serves /metrics, /health and /ready for the group
 * and asks the workers over IPC.
 */
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { kernelStatus } from '@chitti/kernels';
import type { Config } from './env-config.ts';
import { startTelemetry } from './telemetry.ts';
import { buildApp } from './app.ts';
import { buildAdmin } from './admin-server.ts';
import { listen } from './listeners.ts';
import { answerPrimary, type Listening as ListeningMessage } from './cluster/ipc.ts';
import { loadCredentials } from './auth.ts';

export async function runServer(config: Config, logger: Logger, clusterWorker: boolean): Promise<void> {
  const telemetry = startTelemetry();
  const app = await buildApp({
    limits: config.limits,
    logger,
    speedupIntervalSeconds: config.speedupIntervalSeconds,
    timeouts: config.timeouts,
    ...config.overload,
    auth: config.auth,
    rateLimit: config.rateLimit,
    workers: config.workers,
    faultInjection: config.faultInjection,
  });
  const admin = clusterWorker ? undefined : await buildAdmin(app, logger);
  if (clusterWorker) answerPrimary(app);

  let listening: Awaited<ReturnType<typeof listen>>;
  try {
    await admin?.listen({ host: config.metricsHost, port: config.metricsPort });
    listening = await listen(app, { host: config.host, port: config.port, socket: config.socket, socketGroup: config.socketGroup, clusterWorker, bindPath: clusterWorker ? process.env.CHITTI_SOCKET_BIND_PATH : undefined });
  } catch (err) {
    logger.fatal({ err }, 'could not start listening');
    process.exit(1);
  }
  const details = {
    port: listening.port,
    socket: listening.socket ?? null,
    kernels: kernelStatus(),
    otlpExport: telemetry.exporting,
    limits: config.limits,
    timeouts: config.timeouts,
    overload: config.overload,
    auth: config.auth.mode === 'required' ? { mode: 'required', clients: config.auth.credentials.map((c) => c.client) } : { mode: 'disabled' },
    rateLimit: config.rateLimit.max > 0 ? config.rateLimit : 'off',
    workerThreads: config.workers.threads,
    faultInjection: config.faultInjection,
  };
  if (admin) {
    logger.info({ ...details, metricsPort: (admin.server.address() as AddressInfo).port }, 'chitti-compute listening');
  } else {
    logger.info(details, 'cluster worker listening');
    const message: ListeningMessage = { type: 'chitti:listening', port: listening.port, socket: listening.socket ?? null };
    process.send?.(message);
  }

  let shuttingDown = false;
  async function shutdown(signal: string): Promise<void> {
    if (shuttingDown) return;
    shuttingDown = true;
    app.chitti.draining = true;
    logger.info({ signal, drainDelayMs: config.drainDelayMs, timeoutMs: config.shutdownTimeoutMs }, 'draining: readiness false, in-flight requests finishing');
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timeout: cutting remaining connections');
      listening.forceClose();
      setTimeout(() => process.exit(1), 200).unref();
    }, config.shutdownTimeoutMs);
    timer.unref();
    if (config.drainDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.drainDelayMs));
    await listening.close();
    await admin?.close();
    await Promise.race([telemetry.shutdown().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    clearTimeout(timer);
    if (timedOut) {
      logger.error('exiting after the shutdown timeout; some requests were cut');
      process.exit(1);
    }
    logger.info('drained; exiting');
    process.exit(0);
  }

  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // Token rotation without a restart: SIGHUP re-reads API_TOKENS_FILE (and API_TOKENS).
  process.on('SIGHUP', () => {
    const errors: string[] = [];
    const next = loadCredentials(process.env, errors);
    if (errors.length === 0 && next.mode !== app.chitti.auth.mode) errors.push(`API_AUTH cannot change on reload (${app.chitti.auth.mode} → ${next.mode})`);
    if (errors.length > 0) {
      logger.error({ errors }, 'SIGHUP: tokens not reloaded; the current ones stay in force');
      return;
    }
    app.chitti.auth = next;
    logger.info({ clients: next.mode === 'required' ? next.credentials.map((c) => c.client) : [] }, 'SIGHUP: tokens reloaded');
  });
  // A worker whose primary is gone (killed, crashed) has no one to route to it or scrape it.
  if (clusterWorker) process.on('disconnect', () => void shutdown('cluster primary gone'));
}
