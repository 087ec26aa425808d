// Runs the alert sink. Env: PORT (9095), HOST (0.0.0.0), ALERT_SINK_CAPACITY (100), LOG_LEVEL (info),
// RUNBOOKS_FILE and DASHBOARDS_DIR (the bundle's), PROMETHEUS_URL (http://127.0.0.1:9090: Prometheus as
// the browser reaches it, for the dashboards' links).
import { pino } from 'pino';
import { buildApp } from './app.ts';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'alert-sink' } });
const app = buildApp({
  capacity: intEnv('ALERT_SINK_CAPACITY', 100),
  loggerInstance: logger,
  ...(process.env.RUNBOOKS_FILE ? { runbooksFile: process.env.RUNBOOKS_FILE } : {}),
  ...(process.env.DASHBOARDS_DIR ? { dashboardsDir: process.env.DASHBOARDS_DIR } : {}),
  ...(process.env.PROMETHEUS_URL ? { prometheusUrl: process.env.PROMETHEUS_URL } : {}),
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

await app.listen({ port: intEnv('PORT', 9095), host: process.env.HOST ?? '0.0.0.0' });
