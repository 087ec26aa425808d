// The demo load generator. Env: TARGET, API_TOKEN or API_TOKEN_FILE, RATE, CONCURRENCY, DURATION, FAULT (none|errors|slow),
// FAULT_SHARE, INVALID_SHARE, SEED, REPORT_EVERY, LOG_LEVEL. See README.md.
import { pino } from 'pino';
import { loadConfig } from './loadgen-config.ts';
import { run } from './load-runner.ts';

const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'loadgen' } });
const stop = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'stopping');
    stop.abort();
  });
}

try {
  await run(loadConfig(process.env), log, stop.signal);
} catch (err) {
  log.fatal({ err }, 'load generator failed');
  process.exitCode = 1;
}
