/**
 * Entry point: validate the configuration, start tracing, serve the API on TCP and the Unix socket
 * and the admin server on METRICS_PORT, and drain gracefully on SIGTERM/SIGINT.
 */
import type { AddressInfo } from 'node:net';
import { kernelStatus } from '@chitti/kernels';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { startTelemetry } from './telemetry.ts';
import { VERSION, buildApp } from './app.ts';
import { buildAdmin } from './admin.ts';
import { listen } from './listeners.ts';
import { createLogger } from './logger.ts';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`chitti-compute: ${err.message}\n`);
  process.exit(2);
}

const logger = createLogger(config.logLevel, VERSION);
if (config.auth.mode === 'disabled') {
  const warning = 'API authentication is DISABLED (API_AUTH=disabled): anyone who can reach the API port or socket may call it. Local development only.';
  logger.warn(warning);
  process.stderr.write(`chitti-compute: WARNING: ${warning}\n`);
}
if (config.faultInjection) logger.warn('fault injection is ON (CHITTI_FAULT_INJECTION=1): requests with x-chitti-fault: error get a 500. Demo and tests only.');

const telemetry = startTelemetry();
const app = await buildApp({
  limits: config.limits,
  logger,
  speedupIntervalSeconds: config.speedupIntervalSeconds,
  maxEventLoopDelayMs: config.maxEventLoopDelayMs,
  maxHeapUsedBytes: config.maxHeapUsedBytes,
  maxInFlight: config.maxInFlight,
  auth: config.auth,
  rateLimit: { max: config.rateLimitMax, windowMs: config.rateLimitWindowMs },
  workers: config.workers,
  faultInjection: config.faultInjection,
});
const admin = await buildAdmin(app, logger);

let listening: Awaited<ReturnType<typeof listen>>;
try {
  await admin.listen({ host: config.metricsHost, port: config.metricsPort });
  listening = await listen(app, { host: config.host, port: config.port, socket: config.socket, socketGroup: config.socketGroup });
} catch (err) {
  logger.fatal({ err }, 'could not start listening');
  process.exit(1);
}
logger.info(
  {
    port: listening.port,
    socket: listening.socket ?? null,
    metricsPort: (admin.server.address() as AddressInfo).port,
    kernels: kernelStatus(),
    otlpExport: telemetry.exporting,
    limits: config.limits,
    auth: config.auth.mode === 'required' ? { mode: 'required', clients: config.auth.credentials.map((c) => c.client) } : { mode: 'disabled' },
    rateLimit: config.rateLimitMax > 0 ? { max: config.rateLimitMax, windowMs: config.rateLimitWindowMs } : 'off',
    workers: config.workers,
    faultInjection: config.faultInjection,
  },
  'chitti-compute listening',
);

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
  await admin.close();
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
