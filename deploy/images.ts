// The stack's image names for TypeScript (integration tests, tools), read from deploy/images.env:
// the one place they are set. Compose reads the same file (--env-file), the shell scripts source it.
import { readFileSync } from 'node:fs';

export const IMAGES_ENV_FILE = new URL('./images.env', import.meta.url);

/** The images of one flavour of the stack. `grafana` is null offline: Grafana has no Debian package. */
export interface StackImages {
  node: string;
  prometheus: string;
  alertmanager: string;
  /** The load balancer in front of the compute replicas (HAProxy 3.0). */
  haproxy: string;
  grafana: string | null;
  compute: string;
  alertSink: string;
  loadgen: string;
}

/** Offline only: the debootstrapped Debian trixie base every offline image derives from. */
export interface OfflineImages extends StackImages {
  base: string;
}

/** Parses KEY=value lines (comments and blank lines ignored); no quoting or expansion, like the file. */
export function parseEnvFile(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^([A-Z][A-Z0-9_]*)=(\S+)$/.exec(line);
    if (!match) throw new Error(`images.env line ${index + 1}: expected KEY=value without spaces, got "${line}"`);
    vars.set(match[1]!, match[2]!);
  });
  return vars;
}

function reader(vars: Map<string, string>): (key: string) => string {
  return (key) => {
    const value = vars.get(key);
    if (value === undefined) throw new Error(`images.env has no ${key}`);
    return value;
  };
}

export function readImagesEnv(file: URL | string = IMAGES_ENV_FILE): Map<string, string> {
  return parseEnvFile(readFileSync(file, 'utf8'));
}

/** The upstream images (a registry is reachable) and the project's images built on them. */
export function upstreamImages(vars = readImagesEnv()): StackImages {
  const get = reader(vars);
  return {
    node: get('CHITTI_NODE_IMAGE'),
    prometheus: get('CHITTI_PROMETHEUS_IMAGE'),
    alertmanager: get('CHITTI_ALERTMANAGER_IMAGE'),
    haproxy: get('CHITTI_HAPROXY_IMAGE'),
    grafana: get('CHITTI_GRAFANA_IMAGE'),
    compute: get('CHITTI_COMPUTE_IMAGE'),
    alertSink: get('CHITTI_ALERT_SINK_IMAGE'),
    loadgen: get('CHITTI_LOADGEN_IMAGE'),
  };
}

/** The images deploy/offline/build-images.sh builds (no registry needed). */
export function offlineImages(vars = readImagesEnv()): OfflineImages {
  const get = reader(vars);
  return {
    base: get('CHITTI_OFFLINE_BASE_IMAGE'),
    node: get('CHITTI_OFFLINE_NODE_IMAGE'),
    prometheus: get('CHITTI_OFFLINE_PROMETHEUS_IMAGE'),
    alertmanager: get('CHITTI_OFFLINE_ALERTMANAGER_IMAGE'),
    haproxy: get('CHITTI_OFFLINE_HAPROXY_IMAGE'),
    grafana: null,
    compute: get('CHITTI_OFFLINE_COMPUTE_IMAGE'),
    alertSink: get('CHITTI_OFFLINE_ALERT_SINK_IMAGE'),
    loadgen: get('CHITTI_OFFLINE_LOADGEN_IMAGE'),
  };
}
