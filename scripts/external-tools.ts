// The external programs some tests need: promtool, amtool and Alertmanager (alerts/test, the
// compute metrics test) and Python's prometheus_client (the OpenMetrics reference parser).
// `npm test` calls ensureTools() once before the tests; what cannot be found or fetched is reported,
// with the reason, and the tests that need it are listed as NOT RUN (CI requires them all).
//
// Where a tool comes from, first match wins:
//   1. PATH (or PROMTOOL / AMTOOL / ALERTMANAGER naming a binary; PYTHONPATH for the Python module);
//   2. node_modules/.cache/chitti-tools/, filled by an earlier run;
//   3. Debian's own packages, downloaded with `apt-get download` and unpacked with `dpkg-deb -x`
//      into that cache: no package is installed and no daemon is started. The one file outside the
//      repository: Debian's Alertmanager reads its templates from /usr/share/prometheus/alertmanager/,
//      copied there from the package when missing (root only). Needs apt's package lists; as root, a
//      missing list is refreshed with `apt-get update`. Bounded in time (no network: a clear reason
//      within a few minutes at worst, never a hang);
//   4. a Docker image holding the tool (the offline or upstream Prometheus/Alertmanager image,
//      present locally; nothing is pulled), through a small wrapper script running `docker run`.
// CHITTI_FETCH_TOOLS=0 turns 3 and 4 off.
import { type SpawnSyncOptionsWithStringEncoding, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** CHITTI_TOOLS_CACHE moves it (tests use a scratch directory). */
export const CACHE_DIR = process.env.CHITTI_TOOLS_CACHE || join(root, 'node_modules/.cache/chitti-tools');
/** Where the chosen binaries (symlinks or docker wrappers) are put; prepended to PATH. */
export const BIN_DIR = join(CACHE_DIR, 'bin');
const UNPACKED = join(CACHE_DIR, 'debian');
const PYTHON_DIR = join(UNPACKED, 'usr/lib/python3/dist-packages');

const APT_OPTIONS = ['-q', '-o', 'Acquire::http::Timeout=20', '-o', 'Acquire::https::Timeout=20', '-o', 'Acquire::Retries=1'];
const APT_UPDATE_TIMEOUT_MS = 90_000;
const APT_DOWNLOAD_TIMEOUT_MS = 180_000;

/**
 * The tools. `bins`: names to look for on PATH, the first is the one tests call. `debian`: the
 * packages holding it (a function of what apt knows: trixie split promtool out of prometheus).
 * `images`: Docker images holding it, with the binary's path inside.
 */
export interface Tool {
  name: string;
  /** Environment variable naming the binary (binaries only). */
  env?: string;
  bins?: string[];
  /** The Python module to import (Python modules only). */
  python?: string;
  debian: (known: (pkg: string) => boolean) => string[];
  images: [image: string, binary: string][];
  systemFiles?: string[];
}

export const TOOLS: Tool[] = [
  {
    name: 'promtool',
    env: 'PROMTOOL',
    bins: ['promtool'],
    debian: (known) => [known('promtool') ? 'promtool' : 'prometheus'],
    images: [['prom/prometheus:v2.53.4', '/bin/promtool'], ['chitti/prometheus:offline', '/usr/bin/promtool']],
  },
  {
    name: 'amtool',
    env: 'AMTOOL',
    bins: ['amtool'],
    debian: () => ['prometheus-alertmanager'],
    images: [['prom/alertmanager:v0.28.1', '/bin/amtool'], ['chitti/alertmanager:offline', '/usr/bin/amtool']],
  },
  {
    name: 'alertmanager',
    env: 'ALERTMANAGER',
    bins: ['prometheus-alertmanager', 'alertmanager'],
    debian: () => ['prometheus-alertmanager'],
    // Debian's build reads its notification templates from this fixed directory, not from the binary.
    systemFiles: ['/usr/share/prometheus/alertmanager'],
    images: [['prom/alertmanager:v0.28.1', '/bin/alertmanager'], ['chitti/alertmanager:offline', '/usr/bin/prometheus-alertmanager']],
  },
  {
    name: 'python3-prometheus-client',
    python: 'prometheus_client.openmetrics.parser',
    debian: () => ['python3-prometheus-client', 'python3-decorator'],
    images: [],
  },
];

const run = (cmd: string, args: string[], opts: Omit<SpawnSyncOptionsWithStringEncoding, 'encoding'> = {}) => {
  const r = spawnSync(cmd, args, { timeout: 30_000, ...opts, encoding: 'utf8' });
  return { ok: r.status === 0 && !r.error, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim(), error: r.error };
};

function onPath(bin: string, pathVar: string | undefined): string | null {
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, bin))) return join(dir, bin);
  }
  return null;
}

/** The tool's program when it can be run without fetching anything, else null. */
function locate(tool: Tool, env: NodeJS.ProcessEnv): string | null {
  if (tool.python) {
    const paths = [env.PYTHONPATH, existsSync(PYTHON_DIR) ? PYTHON_DIR : ''].filter(Boolean).join(delimiter);
    const r = run('/usr/bin/python3', ['-c', `import ${tool.python}`], { env: { ...env, PYTHONPATH: paths } });
    return r.ok ? (paths.includes(PYTHON_DIR) && existsSync(PYTHON_DIR) ? PYTHON_DIR : 'system') : null;
  }
  if (tool.env && env[tool.env]) return env[tool.env]!;
  for (const bin of tool.bins ?? []) {
    const found = onPath(bin, env.PATH) ?? (existsSync(join(UNPACKED, 'usr/bin', bin)) ? join(UNPACKED, 'usr/bin', bin) : null);
    if (found && run(found, ['--version']).ok && (!realpathSync(found).startsWith(UNPACKED) || systemFilesReady(tool))) return found;
  }
  return null;
}

/**
 * Files an unpacked Debian binary reads from fixed system paths: copied there from the unpacked
 * package when missing (as root; the same file the package would install), else the tool is unusable.
 */
function systemFilesReady(tool: Tool): boolean {
  for (const dir of tool.systemFiles ?? []) {
    const source = join(UNPACKED, dir);
    const absent = existsSync(source) ? readdirSync(source).filter((f) => !existsSync(join(dir, f))) : [];
    if (existsSync(dir) && absent.length === 0) continue;
    if (process.getuid?.() !== 0 || !existsSync(source)) return false;
    cpSync(source, dir, { recursive: true, force: false });
    console.log(`[tools] ${tool.name}: copied ${dir}/ from Debian's package (the binary reads it from there)`);
  }
  return true;
}

/** Debian packages: apt-get download + dpkg-deb -x into the cache. Returns null on success, else why not. */
function fetchDebian(packages: string[], log: (line: string) => void): string | null {
  if (!onPath('apt-get', process.env.PATH) || !onPath('dpkg-deb', process.env.PATH)) return 'no apt-get/dpkg-deb (not a Debian machine)';
  const known = (pkg: string) => run('apt-cache', ['show', pkg]).ok;
  if (!packages.every(known)) {
    if (process.getuid?.() !== 0) return `apt does not know ${packages.filter((p) => !known(p)).join(', ')} and refreshing its lists needs root`;
    log(`apt-get update (bounded to ${APT_UPDATE_TIMEOUT_MS / 1000} s)`);
    const update = run('apt-get', ['update', ...APT_OPTIONS], { timeout: APT_UPDATE_TIMEOUT_MS });
    if (!update.ok) return `apt-get update failed (${update.error ? 'timed out' : update.out.split('\n').filter((l) => /^(E|W|Err):/.test(l)).slice(0, 2).join('; ') || 'no reason given'})`;
    const unknown = packages.filter((p) => !known(p));
    if (unknown.length) return `Debian's archive has no ${unknown.join(', ')}`;
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const work = mkdtempSync(join(CACHE_DIR, 'fetch-'));
  try {
    log(`apt-get download ${packages.join(' ')} (bounded to ${APT_DOWNLOAD_TIMEOUT_MS / 1000} s), unpacked into ${relative(root, CACHE_DIR)} (no package is installed)`);
    const download = run('apt-get', ['download', ...APT_OPTIONS, ...packages], { cwd: work, timeout: APT_DOWNLOAD_TIMEOUT_MS });
    if (!download.ok) return `apt-get download failed (${download.error ? 'timed out' : download.out.split('\n').filter((l) => /^(E|Err):/.test(l)).slice(0, 2).join('; ') || 'no reason given'})`;
    const unpacked = join(work, 'unpacked');
    for (const deb of readdirSync(work).filter((f) => f.endsWith('.deb'))) {
      const x = run('dpkg-deb', ['-x', join(work, deb), unpacked], { timeout: 120_000 });
      if (!x.ok) return `dpkg-deb -x ${deb} failed: ${x.out}`;
    }
    // Merge into the cache (another `npm test` may be doing the same: a file that exists is theirs).
    mergeInto(unpacked, UNPACKED);
    return null;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function mergeInto(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    if (entry.isDirectory() && existsSync(dst)) mergeInto(src, dst);
    else if (!existsSync(dst)) renameSync(src, dst);
  }
}

function dockerAnswers(): boolean {
  return onPath('docker', process.env.PATH) !== null && run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 15_000 }).ok;
}

/** A wrapper running the tool from a local image: the repository and /tmp mounted at the same paths, host network. */
function dockerWrapper(tool: Tool): string | null {
  for (const [image, binary] of tool.images) {
    if (!run('docker', ['image', 'inspect', image]).ok) continue;
    const script = `#!/bin/sh
# ${tool.name} from the Docker image ${image} (written by scripts/external-tools.ts).
exec docker run --rm -i --network host --label org.chitti.tool=${tool.name} -u "$(id -u):$(id -g)" \\
  -v ${root}:${root} -v /tmp:/tmp -w "$PWD" --entrypoint ${binary} ${image} "$@"
`;
    mkdirSync(BIN_DIR, { recursive: true });
    const file = join(BIN_DIR, tool.bins![0]!);
    writeFileSync(`${file}.tmp`, script);
    chmodSync(`${file}.tmp`, 0o755);
    renameSync(`${file}.tmp`, file);
    return image;
  }
  return null;
}

function link(tool: Tool, target: string): void {
  mkdirSync(BIN_DIR, { recursive: true });
  const file = join(BIN_DIR, tool.bins![0]!);
  rmSync(file, { force: true });
  symlinkSync(target, file);
}

/**
 * Finds or fetches every tool. Returns the environment additions for the test processes (PATH with
 * BIN_DIR first, PYTHONPATH, CHITTI_TOOLS_MISSING) and, per missing tool, why.
 */
export interface ToolsFound {
  /** Additions to the environment of the processes that use the tools: PATH, PYTHONPATH, CHITTI_TOOLS_MISSING. */
  env: Record<string, string>;
  found: Map<string, string>;
  /** Tool name -> why it is not available. */
  missing: Map<string, string>;
}

export function ensureTools({ log = (line: string) => console.log(`[tools] ${line}`), fetch = process.env.CHITTI_FETCH_TOOLS !== '0' } = {}): ToolsFound {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${BIN_DIR}${delimiter}${process.env.PATH ?? ''}` };
  const missing = new Map<string, string>();
  const found = new Map<string, string>();
  const wanted = () => TOOLS.filter((t) => !found.has(t.name));
  for (const tool of TOOLS) {
    const where = locate(tool, env);
    if (where) found.set(tool.name, where);
  }
  if (fetch && wanted().length > 0) {
    const known = (pkg: string) => run('apt-cache', ['show', pkg]).ok;
    const packages = [...new Set(wanted().flatMap((t) => t.debian(known)))];
    log(`${wanted().map((t) => t.name).join(', ')} not found: fetching Debian's ${packages.join(', ')}`);
    const why = fetchDebian(packages, log);
    for (const tool of wanted()) {
      const where = locate(tool, env);
      if (where) found.set(tool.name, where);
      else missing.set(tool.name, why ?? 'not in the downloaded package');
    }
  } else {
    for (const tool of wanted()) missing.set(tool.name, `${tool.python ? `${tool.python} not importable` : 'not found on PATH'} (CHITTI_FETCH_TOOLS=0: not fetched)`);
  }
  if (fetch && [...missing.keys()].some((name) => (TOOLS.find((t) => t.name === name)?.images.length ?? 0) > 0) && dockerAnswers()) {
    for (const tool of wanted()) {
      const image = tool.images.length ? dockerWrapper(tool) : null;
      if (image) {
        found.set(tool.name, `docker image ${image}`);
        missing.delete(tool.name);
        log(`${tool.name}: from the Docker image ${image}`);
      } else if (tool.images.length) missing.set(tool.name, `${missing.get(tool.name)}; and no local Docker image holds it (${tool.images.map(([i]) => i).join(', ')})`);
    }
  }
  for (const tool of TOOLS) {
    const where = found.get(tool.name);
    if (where?.startsWith('/') && !tool.python && !where.startsWith(BIN_DIR) && realpathSync(where).startsWith(UNPACKED)) link(tool, where);
  }
  if (existsSync(PYTHON_DIR)) env.PYTHONPATH = [PYTHON_DIR, process.env.PYTHONPATH].filter(Boolean).join(delimiter);
  const additions: Record<string, string> = { PATH: env.PATH!, ...(env.PYTHONPATH ? { PYTHONPATH: env.PYTHONPATH } : {}) };
  if (missing.size > 0) additions.CHITTI_TOOLS_MISSING = JSON.stringify(Object.fromEntries(missing));
  return { env: additions, found, missing };
}
