/** The servers of the service benchmark (see server.ts). */
export const SERVER_MODES = ['bare', 'metrics-off', 'metrics-on', 'metrics-on+logs'] as const;
/** Servers of other benchmarks only (service.bench.ts starts SERVER_MODES): prom-client without OpenTelemetry's metrics (otel.ts). */
export const EXTRA_MODES = ['metrics-on-no-otel'] as const;
export type ServerMode = (typeof SERVER_MODES)[number] | (typeof EXTRA_MODES)[number];

/** Messages between the benchmark and a server child (IPC). */
export type ToServer = 'close' | 'cpu';
export type FromServer = { port: number } | { cpuMicros: number };
