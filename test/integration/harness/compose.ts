// The compose stack of docker-compose.yml through testcontainers' DockerComposeEnvironment: Compose v2
// (`docker compose`) where installed, else Debian's docker-compose 1.29 (standalone executable).
import { spawnSync } from 'node:child_process';
import { DockerComposeEnvironment, type StartedDockerComposeEnvironment, type StartedTestContainer } from 'testcontainers';
import type { Flavour } from './images.ts';
import { repoRoot } from './paths.ts';

export interface ComposeSetup {
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
  return {
    files: flavour === 'offline' ? ['docker-compose.yml', 'deploy/offline/docker-compose.offline.yml'] : ['docker-compose.yml'],
    projectName,
    // Offline, Grafana is parked in a profile, but compose interpolates its service anyway.
    env: { CHITTI_API_TOKEN: token, GRAFANA_ADMIN_PASSWORD: token, LOADGEN_RATE: '10' },
    standalone: !v2,
  };
}

export function composeEnvironment(setup: ComposeSetup): DockerComposeEnvironment {
  const environment = new DockerComposeEnvironment(repoRoot, setup.files)
    .withProjectName(setup.projectName)
    .withEnvironmentFile('deploy/images.env')
    .withEnvironment(setup.env)
    .withStartupTimeout(180_000);
  return setup.standalone ? environment.withClientOptions({ executable: { standalone: true } }) : environment;
}

/**
 * `down -v` by the compose CLI, independent of testcontainers' objects: also works when `up` failed
 * half-way and no StartedDockerComposeEnvironment exists.
 */
export function composeDown(setup: ComposeSetup): void {
  const [cmd, ...pre] = setup.standalone ? ['docker-compose'] : ['docker', 'compose'];
  const args = [...pre, '-p', setup.projectName, '--project-directory', repoRoot, '--env-file', `${repoRoot}/deploy/images.env`,
    ...setup.files.flatMap((f) => ['-f', `${repoRoot}/${f}`]), 'down', '-v', '--remove-orphans', '-t', '2'];
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
