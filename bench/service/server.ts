// A server for the service benchmark, run as a child process (fork) so that it has its own event loop
// and core: `bare` is fastify with the baseline routes (baseline.ts); the others are the compute
// service's app (buildApp) with metrics on or off, with or without request logs. Listens on
// 127.0.0.1, an ephemeral port, and sends {port} to the parent over IPC; answers 'cpu' with the
// process's CPU time so far (all threads, user + system, µs).
import type { FastifyInstance } from 'fastify';
import { buildApp, VERSION } from '../../services/compute/src/app.ts';
import { createLogger } from '../../services/compute/src/logger.ts';
import { bareApp } from './baseline.ts';
import { EXTRA_MODES, SERVER_MODES } from './modes.ts';
import type { FromServer, ServerMode, ToServer } from './modes.ts';

async function build(mode: ServerMode): Promise<FastifyInstance> {
  if (mode === 'bare') return bareApp();
  return buildApp({
    metrics: mode !== 'metrics-off',
    // OpenTelemetry's HTTP server metrics ride with the metrics unless this mode leaves them out.
    otelMetrics: mode !== 'metrics-on-no-otel',
    // Request logs at info (the service's default level) to stdout, which the parent discards.
    ...(mode === 'metrics-on+logs' ? { logger: createLogger('info', VERSION) } : {}),
    // The periodic WASM-vs-reference self-benchmark would land in one case and not another.
    speedupIntervalSeconds: -1,
  });
}

const mode = process.argv[2] as ServerMode;
const modes: readonly ServerMode[] = [...SERVER_MODES, ...EXTRA_MODES];
if (!modes.includes(mode)) throw new Error(`mode must be one of ${modes.join(', ')}`);
const app = await build(mode);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const send = (msg: FromServer) => process.send!(msg);
send({ port: typeof address === 'object' && address ? address.port : 0 });
process.on('message', (msg: ToServer) => {
  if (msg === 'close') void app.close().then(() => process.exit(0));
  if (msg === 'cpu') {
    const { user, system } = process.cpuUsage();
    send({ cpuMicros: user + system });
  }
});
