// Runs after `npm install` at the repository root, under the project's Node (node_modules/.bin/node).
// 1. Builds the WebAssembly kernels (AssemblyScript), so `npm start` works right after install.
// 2. Makes sure the TA-Lib oracle (`talib`, a native addon used only by tests and benchmarks) is
//    built for the Node that runs the tests. Its own install script compiles against whatever headers
//    npm is configured with (on these machines, the system Node 20's), and the 2.x tarballs can carry
//    stale objects; so we verify it loads and otherwise rebuild it against this Node's own headers.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg) => console.log(`[postinstall] ${msg}`);

function buildKernels() {
  log('building WebAssembly kernels');
  execFileSync(process.execPath, [join(root, 'kernels/scripts/build.ts')], { stdio: 'inherit', cwd: join(root, 'kernels') });
}

function talibLoads() {
  const r = spawnSync(process.execPath, ['-e', "require('talib')"], { cwd: join(root, 'kernels'), encoding: 'utf8' });
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

function buildTalib() {
  const talibDir = [join(root, 'kernels/node_modules/talib'), join(root, 'node_modules/talib')].find((d) =>
    existsSync(join(d, 'binding.gyp')),
  );
  if (!talibDir) {
    log('talib (test oracle) not installed; skipping');
    return;
  }
  if (talibLoads()) {
    log(`talib oracle loads under Node ${process.version}`);
    return;
  }
  log(`building the talib oracle for Node ${process.version}`);
  const headers = nodeHeaders();
  // node-gyp wants a nodedir it can read while npm may still be moving packages: use a private copy.
  const nodedir = join(root, 'node_modules/.cache/chitti-node-headers', process.version);
  if (!existsSync(join(nodedir, 'include/node/node.h'))) {
    mkdirSync(join(nodedir, 'include'), { recursive: true });
    cpSync(headers, join(nodedir, 'include/node'), { recursive: true });
  }
  for (const dir of ['src/lib/temp/csr', 'src/lib/lib']) {
    const abs = join(talibDir, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs)) if (f.endsWith('.o') || f.endsWith('.a')) rmSync(join(abs, f));
  }
  rmSync(join(talibDir, 'build'), { recursive: true, force: true });
  const env = { ...process.env, npm_config_nodedir: nodedir };
  execFileSync(process.execPath, ['src/lib/build.js'], { cwd: talibDir, stdio: 'inherit', env });
  execFileSync(process.execPath, [nodeGypPath(), 'rebuild', `--nodedir=${nodedir}`], { cwd: talibDir, stdio: 'inherit', env });
  if (!talibLoads()) throw new Error('talib was rebuilt but still does not load');
  log('talib oracle built');
}

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  log(`warning: running under Node ${process.version}; the project needs Node >= 22 (npm scripts use node_modules/.bin/node)`);
}
buildKernels();
buildTalib();
