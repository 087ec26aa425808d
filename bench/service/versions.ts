// npm run bench:service-versions [-- --before COMMIT] [--quick]
// The compute service at an earlier commit and at this checkout, measured side by side in one run:
// requests/s and server CPU per request of a 100-point binary SMA request and a 1k-point JSON SMA
// request, and of the service benchmark's 100k-point binary and JSON requests (metrics on, as
// deployed). The earlier commit is checked out as a git worktree in the system's temporary directory,
// its WebAssembly kernels built there, and its node_modules made of links to this checkout's packages
// except the workspaces, which point into the worktree.
// Cases alternate between the two servers within each round; ratios are taken within a round.
// Writes bench/results/service-versions.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync, readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../lib/measure.ts';
import { load, machineInfo } from '../lib/machine.ts';
import { priceSeries } from '../lib/series.ts';
import { CASES, type Case } from './cases.ts';
import { check, sample, startServer, stopServer } from './sample.ts';
import type { Sample, Server } from './sample.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const quick = process.argv.includes('--quick');
const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const before = flag('--before') ?? 'be2e569';
const rounds = quick ? 2 : 5;
const seconds = quick ? 1.5 : 4;
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

/** A worktree of `commit` with its kernels built and node_modules linked; returns its path. */
function checkout(commit: string): string {
  const sha = git('rev-parse', '--short', commit);
  const dir = join(tmpdir(), 'chitti-service-versions', sha);
  if (!existsSync(dir)) {
    mkdirSync(dirname(dir), { recursive: true });
    git('worktree', 'prune');
    git('worktree', 'add', '--detach', dir, sha);
  }
  const modules = join(dir, 'node_modules');
  if (!existsSync(modules)) {
    mkdirSync(join(modules, '@chitti'), { recursive: true });
    for (const entry of readdirSync(join(root, 'node_modules'))) {
      if (entry !== '@chitti') symlinkSync(join(root, 'node_modules', entry), join(modules, entry));
    }
    // The workspace links are relative (../../kernels): the same links resolve inside the worktree.
    for (const entry of readdirSync(join(root, 'node_modules/@chitti'))) {
      symlinkSync(readlinkSync(join(root, 'node_modules/@chitti', entry)), join(modules, '@chitti', entry));
    }
  }
  if (!existsSync(join(dir, 'kernels/build/kernels.wasm'))) {
    const asc = join(dirname(createRequire(import.meta.url).resolve('assemblyscript/package.json')), 'bin/asc.js');
    execFileSync(process.execPath, [asc, 'assembly/index.ts', '--config', 'asconfig.json'], { cwd: join(dir, 'kernels'), stdio: 'inherit' });
  }
  return dir;
}

const close100 = priceSeries(100, 2);
const close1k = Array.from(priceSeries(1_000, 1));
const cases: Case[] = [
  {
    id: 'binary-100',
    kind: 'binary-100',
    description: 'POST /v1/indicators/sma?period=20, 100 little-endian float64 in and out',
    mode: 'metrics-on',
    request: { path: '/v1/indicators/sma?period=20', method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from(close100.buffer, close100.byteOffset, close100.byteLength) },
    connections: 10,
    large: false,
  },
  {
    id: 'json-1k',
    kind: 'json-1k',
    description: 'POST /v1/indicators/sma, JSON body with 1,000 closes and period 20',
    mode: 'metrics-on',
    request: { path: '/v1/indicators/sma', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ inputs: { close: close1k }, params: { period: 20 } }) },
    connections: 10,
    large: false,
  },
  // Large requests, on undici's closed loop (service/sample.ts): their memory outside the heap.
  ...(['binary-100k', 'json-100k'] as const).map((kind) => ({ ...CASES.find((c) => c.id === `${kind} metrics-on`)!, id: kind })),
];

const started = performance.now();
const loadStart = load();
const beforeDir = checkout(before);
const servers: Record<'before' | 'after', Server> = {
  before: await startServer('metrics-on', join(beforeDir, 'bench/service/server.ts')),
  after: await startServer('metrics-on'),
};
const beforeSha = git('rev-parse', before);
const afterSha = git('rev-parse', 'HEAD');
const dirty = git('status', '--porcelain', '--', 'kernels', 'services/compute').length > 0;
try {
  for (const c of cases) {
    const a = await check(servers.before, c);
    const b = await check(servers.after, c);
    if (!a.equals(b)) throw new Error(`${c.id}: the two versions answer differently`);
  }
  const samples: Record<string, Sample[]> = {};
  const ratios: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++) {
    for (const c of cases) {
      const order = r % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const);
      const got: Partial<Record<'before' | 'after', Sample>> = {};
      for (const v of order) {
        got[v] = await sample(servers[v], c, seconds, r === 0 ? 1 : 0.5);
        (samples[`${c.id} ${v}`] ??= []).push(got[v]);
      }
      (ratios[c.id] ??= []).push(got.after!.requestsPerSecond / got.before!.requestsPerSecond);
      console.log(`round ${r + 1} ${c.id}: before ${got.before!.requestsPerSecond.toFixed(0)} req/s (${got.before!.cpuMicrosPerRequest.toFixed(0)} µs CPU), after ${got.after!.requestsPerSecond.toFixed(0)} req/s (${got.after!.cpuMicrosPerRequest.toFixed(0)} µs CPU)`);
    }
  }
  const summary = cases.map((c) => {
    const pick = (v: string, f: (s: Sample) => number) => median(samples[`${c.id} ${v}`]!.map(f));
    return {
      case: c.id,
      description: c.description,
      before: { requestsPerSecond: pick('before', (s) => s.requestsPerSecond), cpuMicrosPerRequest: pick('before', (s) => s.cpuMicrosPerRequest), p99Ms: pick('before', (s) => s.p99Ms) },
      after: { requestsPerSecond: pick('after', (s) => s.requestsPerSecond), cpuMicrosPerRequest: pick('after', (s) => s.cpuMicrosPerRequest), p99Ms: pick('after', (s) => s.p99Ms) },
      ratio: median(ratios[c.id]!),
      ratioRange: [Math.min(...ratios[c.id]!), Math.max(...ratios[c.id]!)],
    };
  });
  for (const s of summary) console.log(`${s.case}: ${s.before.requestsPerSecond.toFixed(0)} → ${s.after.requestsPerSecond.toFixed(0)} req/s, ${s.ratio.toFixed(2)}x (rounds ${s.ratioRange.map((x) => x.toFixed(2)).join('-')}); CPU ${s.before.cpuMicrosPerRequest.toFixed(0)} → ${s.after.cpuMicrosPerRequest.toFixed(0)} µs/request`);
  const out = {
    date: new Date().toISOString(),
    quick,
    machine: machineInfo(),
    load: { start: loadStart, end: load() },
    durationSeconds: Math.round((performance.now() - started) / 1000),
    before: { commit: beforeSha },
    after: { commit: afterSha, uncommittedChanges: dirty },
    method: { rounds, secondsPerSample: seconds, connections: Object.fromEntries(cases.map((c) => [c.id, c.connections])), metrics: 'on', generator: 'autocannon (small requests) or undici (large ones, service/sample.ts) in this process; each server a child process' },
    cases: summary,
  };
  mkdirSync(join(here, '../results'), { recursive: true });
  writeFileSync(join(here, '../results/service-versions.json'), JSON.stringify(out, null, 2) + '\n');
  console.log('wrote bench/results/service-versions.json');
} finally {
  stopServer(servers.before);
  stopServer(servers.after);
}
