// The images the suite runs: names from deploy/images.env (through deploy/images.ts), upstream where a
// registry is reachable, else the offline images of deploy/offline/build-images.sh. The project's
// images (compute, alert-sink, loadgen) are always built from the working tree's Dockerfiles, so the
// suite tests the code under review; Docker's layer cache makes that seconds when nothing changed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { offlineImages, upstreamImages, type StackImages } from '../../../deploy/images.ts';
import { docker } from './docker-cli.ts';
import { repoRoot } from './paths.ts';

export type Flavour = 'upstream' | 'offline';

export interface ResolvedImages {
  flavour: Flavour;
  images: StackImages;
  /** How the flavour was chosen, for the suite's log. */
  why: string;
}

const hasImage = (image: string): boolean => docker(['image', 'inspect', image], 30_000).ok;

/** Third-party images of a flavour: pulled or built elsewhere, never built by the suite. */
function baseImages(images: StackImages): string[] {
  return [images.node, images.prometheus, images.alertmanager, images.haproxy];
}

/**
 * CHITTI_IMAGES=upstream|offline forces a flavour. Otherwise: upstream when its images are present or
 * can be pulled (the first failed pull decides: no registry), else offline, whose images must exist.
 */
export function resolveImages(env: NodeJS.ProcessEnv = process.env): ResolvedImages {
  const forced = env.CHITTI_IMAGES;
  if (forced && forced !== 'upstream' && forced !== 'offline') throw new Error(`CHITTI_IMAGES must be upstream or offline, got "${forced}"`);
  const upstream = upstreamImages();
  if (forced !== 'offline') {
    const missing = baseImages(upstream).filter((image) => !hasImage(image));
    let pullError = '';
    for (const image of missing) {
      const pull = docker(['pull', image], 600_000);
      if (!pull.ok) {
        pullError = `docker pull ${image}: ${pull.out.trim().split('\n').pop()}`;
        break;
      }
    }
    if (!pullError) return { flavour: 'upstream', images: upstream, why: missing.length ? `pulled ${missing.join(', ')}` : 'upstream images present' };
    if (forced === 'upstream') throw new Error(`CHITTI_IMAGES=upstream, but ${pullError}`);
    return { flavour: 'offline', ...ensureOffline(`no registry (${pullError})`) };
  }
  return { flavour: 'offline', ...ensureOffline('CHITTI_IMAGES=offline') };
}

function ensureOffline(why: string): { images: StackImages; why: string } {
  const offline = offlineImages();
  const missing = baseImages(offline).filter((image) => !hasImage(image));
  if (missing.length > 0) {
    throw new Error(`${why}, and the offline images ${missing.join(', ')} are missing: run deploy/offline/build-images.sh (as root) once`);
  }
  return { images: offline, why: `${why}: offline images` };
}

/** Builds compute, alert-sink and loadgen from services/<name>/Dockerfile on the flavour's Node image. */
export function buildProjectImages(images: StackImages, log: (line: string) => void): void {
  // npm inside the build must trust a TLS-inspecting proxy's CA, as deploy/ does it.
  spawnSync(join(repoRoot, 'deploy/build-ca.sh'), { stdio: 'ignore', timeout: 60_000 });
  const logDir = join(tmpdir(), 'chitti-integration-builds');
  mkdirSync(logDir, { recursive: true });
  const builds: [string, string][] = [['compute', images.compute], ['alert-sink', images.alertSink], ['loadgen', images.loadgen]];
  for (const [service, tag] of builds) {
    const started = Date.now();
    // --network host: the build stages reach the npm registry the way the host does (deploy/ does the same).
    const r = docker(['build', '--network', 'host', '--build-arg', `NODE_IMAGE=${images.node}`, '-f', `services/${service}/Dockerfile`, '-t', tag, repoRoot], 900_000);
    const logFile = join(logDir, `${service}.log`);
    writeFileSync(logFile, r.out);
    if (!r.ok) throw new Error(`building ${tag} from services/${service}/Dockerfile failed (log: ${logFile}):\n${r.out.split('\n').slice(-30).join('\n')}`);
    log(`built ${tag} from services/${service}/Dockerfile in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
