// Is a Docker engine reachable? Decides whether the integration suite runs, and configures
// testcontainers for this project's machines before anything imports a client.
import { spawnSync } from 'node:child_process';

// Ryuk (the reaper container) would have to be pulled, which no registry allows here: the suite
// cleans up after itself (harness/cleanup.ts). Mapped ports are reached on localhost.
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';

/** The variable CI sets so that a suite that cannot run fails instead of being skipped. */
export const REQUIRE_VARIABLE = 'CHITTI_REQUIRE_INTEGRATION';

export function integrationRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['1', 'true', 'yes'].includes((env[REQUIRE_VARIABLE] ?? '').toLowerCase());
}

/** null when an engine answers, else why not (one line). Asks the docker CLI, bounded to 20 s. */
export function engineUnavailableReason(): string | null {
  const r = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 20_000 });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'the docker CLI is not installed' : `docker info did not answer (${r.error.message})`;
  }
  if (r.status !== 0) {
    const line = r.stderr.trim().split('\n').find(Boolean) ?? `exit code ${r.status}`;
    return `no Docker engine answers (${line})`;
  }
  return null;
}
