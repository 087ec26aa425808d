// Runs after `npm install` at the repository root, under the project's Node (node_modules/.bin/node).
// 1. Builds the WebAssembly kernels (AssemblyScript), so `npm start` works right after install.
// 2. Makes sure the native development addons (the TA-Lib oracle `talib`, used by tests and benchmarks,
//    and the benchmark peer `tulind`) are built for the Node that runs them. Their install scripts
//    compile against whatever headers npm is configured with (on these machines, the system Node 20's),
//    and the tarballs can carry stale objects; so we verify each loads and otherwise rebuild it against
//    this Node's own headers.
// Each build writes its output to node_modules/.cache/chitti-build-logs/<name>.log and prints one line
// (the log's last lines too when it fails): a compiler's hundreds of lines help nobody on success.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const log = (msg) => console.log(`[postinstall] ${msg}`);
const logDir = join(root, 'node_modules/.cache/chitti-build-logs');

/** A build log: each step's command and output appended; shown (its end) only on failure. */
function buildLog(name) {
  mkdirSync(logDir, { recursive: true });
  const file = join(logDir, `${name}.log`);
  writeFileSync(file, `# ${name}, ${new Date().toISOString()}, Node ${process.version}\n`);
  const started = Date.now();
  return {
    file,
    shown: relative(root, file),
    seconds: () => ((Date.now() - started) / 1000).toFixed(0),
    /** Runs a step with its output into the log; throws with the log's last lines when it fails. */
    run(cmd, args, opts) {
      appendFileSync(file, `\n$ ${[cmd, ...args].join(' ')}\n`);
      const r = spawnSync(cmd, args, { ...opts, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      appendFileSync(file, `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `${r.error.message}\n` : ''}`);
      if (r.status !== 0) {
        const tail = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-25).join('\n');
        throw new Error(`${name}: \`${[cmd, ...args].join(' ')}\` failed (exit ${r.status ?? r.signal}); last lines of ${relative(root, file)}:\n${tail}`);
      }
    },
  };
}

function buildKernels() {
  // A production install (npm ci --omit=dev) has no compiler and may run on an older Node: the
  // kernels must then come prebuilt (as in the container images), so say so instead of failing.
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 6)) {
    log(`skipping the WebAssembly build: Node ${process.version} cannot run TypeScript (needs >= 22.6; npm scripts use node_modules/.bin/node)`);
    return;
  }
  if (!existsSync(join(root, 'node_modules/assemblyscript/package.json')) && !existsSync(join(root, 'kernels/node_modules/assemblyscript/package.json'))) {
    log('skipping the WebAssembly build: assemblyscript is not installed (production install); build kernels/build/kernels.wasm with npm run build');
    return;
  }
  const build = buildLog('kernels');
  build.run(process.execPath, [join(root, 'kernels/scripts/build.ts')], { cwd: join(root, 'kernels') });
  log(`WebAssembly kernels built: kernels/build/kernels.wasm (${build.seconds()} s, log ${build.shown})`);
}

function loads(name, cwd) {
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(name)})`], { cwd, encoding: 'utf8' });
  return r.status === 0;
}

function nodeGypPath() {
  const candidates = [];
  if (process.env.npm_execpath) candidates.push(resolve(dirname(process.env.npm_execpath), '../node_modules/node-gyp/bin/node-gyp.js'));
  candidates.push(resolve(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'));
  candidates.push('/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');
  candidates.push('/usr/local/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`node-gyp not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** The headers of the running Node: beside an official binary, or inside the `node` npm package. */
function nodeHeaders() {
  const bin = dirname(process.execPath);
  const candidates = [resolve(bin, '../include/node')];
  const pkgModules = resolve(bin, '../node_modules');
  if (existsSync(pkgModules)) {
    for (const d of readdirSync(pkgModules)) if (d.startsWith('node-')) candidates.push(join(pkgModules, d, 'include/node'));
  }
  const [major, minor, patch] = process.versions.node.split('.');
  const matches = (dir) => {
    const file = join(dir, 'node_version.h');
    if (!existsSync(file)) return false;
    const text = readFileSync(file, 'utf8');
    const get = (what) => text.match(new RegExp(`#define NODE_${what}_VERSION (\\d+)`))?.[1];
    return get('MAJOR') === major && get('MINOR') === minor && get('PATCH') === patch;
  };
  const found = candidates.find(matches);
  if (!found) throw new Error(`headers for Node ${process.version} not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** A private copy of this Node's headers: node-gyp wants a nodedir it can read while npm may still be moving packages. */
function privateNodedir() {
  const nodedir = join(root, 'node_modules/.cache/chitti-node-headers', process.version);
  if (!existsSync(join(nodedir, 'include/node/node.h'))) {
    mkdirSync(join(nodedir, 'include'), { recursive: true });
    cpSync(nodeHeaders(), join(nodedir, 'include/node'), { recursive: true });
  }
  return nodedir;
}

/** Native addons used in development only: `workspace` is where they are required from. */
const nativeAddons = [
  {
    name: 'talib',
    role: 'TA-Lib test oracle',
    workspace: 'kernels',
    rebuild(build, dir, nodedir, env) {
      for (const sub of ['src/lib/temp/csr', 'src/lib/lib']) {
        const abs = join(dir, sub);
        if (!existsSync(abs)) continue;
        for (const f of readdirSync(abs)) if (f.endsWith('.o') || f.endsWith('.a')) rmSync(join(abs, f));
      }
      rmSync(join(dir, 'build'), { recursive: true, force: true });
      build.run(process.execPath, ['src/lib/build.js'], { cwd: dir, env });
      build.run(process.execPath, [nodeGypPath(), 'rebuild', `--nodedir=${nodedir}`], { cwd: dir, env });
    },
  },
  {
    name: 'tulind',
    role: 'benchmark peer (Tulip Indicators)',
    workspace: 'bench',
    // node-pre-gyp: its prebuilt download is unreachable here, so build from source.
    rebuild(build, dir, nodedir, env) {
      const preGyp = require.resolve('@mapbox/node-pre-gyp/bin/node-pre-gyp', { paths: [dir] });
      build.run(process.execPath, [preGyp, 'rebuild', '--build-from-source', `--nodedir=${nodedir}`], {
        cwd: dir,
        env: { ...env, npm_config_node_gyp: nodeGypPath() },
      });
    },
  },
];

function ensureNative(addon) {
  const cwd = join(root, addon.workspace);
  const dir = [join(cwd, 'node_modules', addon.name), join(root, 'node_modules', addon.name)].find((d) => existsSync(join(d, 'binding.gyp')));
  if (!dir) {
    log(`${addon.name} (${addon.role}) not installed; skipping`);
    return;
  }
  if (loads(addon.name, cwd)) {
    log(`${addon.name} (${addon.role}) loads under Node ${process.version}`);
    return;
  }
  const build = buildLog(addon.name);
  const nodedir = privateNodedir();
  addon.rebuild(build, dir, nodedir, { ...process.env, npm_config_nodedir: nodedir });
  if (!loads(addon.name, cwd)) throw new Error(`${addon.name} was rebuilt but still does not load (log ${build.shown})`);
  log(`${addon.name} (${addon.role}) built for Node ${process.version} (${build.seconds()} s, log ${build.shown})`);
}

try {
  buildKernels();
  for (const addon of nativeAddons) ensureNative(addon);
} catch (error) {
  console.error(`[postinstall] ${error.message}`);
  process.exit(1);
}
