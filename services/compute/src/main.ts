/**
 * Entry point: validate the configuration, then serve: one process (WORKERS=1, the default), or a
 * cluster primary supervising WORKERS processes that share the API's TCP port and Unix socket.
 */
import cluster from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './env-config.ts';
import { VERSION } from './app.ts';
import { createLogger } from './logger.ts';
import { runServer } from './server.ts';
import { runPrimary } from './cluster/primary.ts';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`chitti-compute: ${err.message}\n`);
  process.exit(2);
}

const logger = createLogger(config.logLevel, VERSION);
if (cluster.isPrimary) {
  if (config.auth.mode === 'disabled') {
    const warning = 'API authentication is DISABLED (API_AUTH=disabled): anyone who can reach the API port or socket may call it. Local development only.';
    logger.warn(warning);
    process.stderr.write(`chitti-compute: WARNING: ${warning}\n`);
  }
  if (config.faultInjection) logger.warn('fault injection is ON (CHITTI_FAULT_INJECTION=1): requests with x-chitti-fault: error get a 500. Demo and tests only.');
}

if (cluster.isWorker) await runServer(config, logger.child({ worker: Number(process.env.CHITTI_CLUSTER_SLOT ?? cluster.worker?.id), pid: process.pid }), true);
else if (config.processes > 1) await runPrimary(config, logger);
else await runServer(config, logger, false);
