// The compose stack of docker-compose.yml through testcontainers' DockerComposeEnvironment: Compose v2
// (`docker compose`) where installed, else Debian's docker-compose 1.29 (standalone executable).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DockerComposeEnvironment, type StartedDockerComposeEnvironment, type StartedTestContainer } from 'testcontainers';
import type { Flavour } from './images.ts';
import { repoRoot } from './paths.ts';

export interface ComposeSetup {
  /** Absolute paths: the derived docker-compose.yml first, then the offline override if any. */
  files: string[];
  projectName: string;
  env: Record<string, string>;
  /** true: docker-compose 1.29; false: the `docker compose` plugin. */
  standalone: boolean;
}

export function composeSetup(flavour: Flavour, projectName: string, token: string): ComposeSetup {
  const v2 = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0;
  if (!v2 && spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status !== 0) {
    throw new Error('neither `docker compose` nor docker-compose is installed: run deploy/ensure-docker.sh');
  }
  const dir = join(tmpdir(), `chitti-integration-${projectName}`);
  mkdirSync(dir, { recursive: true });
  const derived = join(dir, 'docker-compose.yml');
  writeFileSync(derived, withEphemeralHostPorts(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8')));
  return {
    files: flavour === 'offline' ? [derived, join(repoRoot, 'deploy/offline/docker-compose.offline.yml')] : [derived],
    projectName,
    // Offline, Grafana is parked in a profile, but compose interpolates its service anyway.
    env: { CHITTI_API_TOKEN: token, GRAFANA_ADMIN_PASSWORD: token, LOADGEN_RATE: '10' },
    standalone: !v2,
  };
}

/**
 * docker-compose.yml with every published port's host side left to Docker (`127.0.0.1::9090` instead
 * of `127.0.0.1:9090:9090`), and nothing else changed, byte for byte: a demo stack already running on
 * the machine holds the fixed ports, and an override cannot remove ports (compose concatenates them).
 */
export function withEphemeralHostPorts(composeYaml: string): string {
  const rewritten = composeYaml.replace(/^(\s+- ")(127\.0\.0\.1):[\d-]+:(\d+)"$/gm, '$1$2::$3"');
  // Every published port must have been rewritten, and nothing else.
  const ports = (text: string) => Object.values((parse(text) as { services: Record<string, { ports?: string[] }> }).services).flatMap((s) => s.ports ?? []);
  const before = ports(composeYaml);
  const after = ports(rewritten);
  if (after.length !== before.length || after.some((p) => !/^127\.0\.0\.1::\d+$/.test(p))) {
    throw new Error(`could not make the published ports ephemeral: ${before.join(', ')} -> ${after.join(', ')}`);
  }
  return rewritten;
}

export function composeEnvironment(setup: ComposeSetup): DockerComposeEnvironment {
  // The derived file lives outside the repository: relative paths (build contexts, ./prometheus
  // mounts) must still resolve against the repository root.
  const composeOptions = ['--project-directory', repoRoot];
  const environment = new DockerComposeEnvironment(repoRoot, setup.files)
    .withProjectName(setup.projectName)
    .withEnvironmentFile(join(repoRoot, 'deploy/images.env'))
    .withEnvironment(setup.env)
    .withStartupTimeout(180_000);
  return environment.withClientOptions(setup.standalone ? { executable: { standalone: true }, composeOptions } : { composeOptions });
}

/**
 * `down -v` by the compose CLI, independent of testcontainers' objects: also works when `up` failed
 * half-way and no StartedDockerComposeEnvironment exists.
 */
export function composeDown(setup: ComposeSetup): void {
  const [cmd, ...pre] = setup.standalone ? ['docker-compose'] : ['docker', 'compose'];
  const args = [...pre, '-p', setup.projectName, '--project-directory', repoRoot, '--env-file', `${repoRoot}/deploy/images.env`,
    ...setup.files.flatMap((f) => ['-f', f]), 'down', '-v', '--remove-orphans', '-t', '2'];
  const r = spawnSync(cmd!, args, { encoding: 'utf8', env: { ...process.env, ...setup.env }, timeout: 180_000 });
  if (r.status !== 0) throw new Error(`compose down: ${r.stderr || r.error?.message}`);
}

/** A service's container: v2 names it `<service>-1` (after the project prefix), v1 `<project>_<service>_1`. */
export function serviceContainer(env: StartedDockerComposeEnvironment, setup: ComposeSetup, service: string): StartedTestContainer {
  for (const name of [`${service}-1`, `${setup.projectName}_${service}_1`]) {
    try {
      return env.getContainer(name);
    } catch {
      // try the other naming scheme
    }
  }
  throw new Error(`no container for compose service ${service}`);
}
