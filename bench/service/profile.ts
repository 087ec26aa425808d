// npm run bench:profile -- CASE [SECONDS] — where a service case's server time goes: runs one case of
// the service benchmark (cases.ts, e.g. "json-1k metrics-on") against its server started with
// --cpu-prof, then prints the server's CPU per request and the functions with the most self time
// per request (µs, sampled; garbage collection is "(garbage collector)"). Not part of `npm run bench`:
// a tool for finding what to fix, best run on a quiet machine. The profile is kept for DevTools.
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CASES } from './cases.ts';
import type { FromServer } from './modes.ts';
import { sample, stopServer } from './sample.ts';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const [id, secondsArg] = process.argv.slice(2);
const c = CASES.find((x) => x.id === id);
if (!c) throw new Error(`case must be one of: ${CASES.map((x) => `"${x.id}"`).join(', ')}`);
const seconds = Number(secondsArg ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'chitti-profile-'));
const here = dirname(fileURLToPath(import.meta.url));
const child = fork(join(here, 'server.ts'), [c.mode], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
const port = await new Promise<number>((resolve) => child.once('message', (m: FromServer) => resolve('port' in m ? m.port : 0)));
const s = await sample({ child, port }, c, seconds, 1);
const requests = Math.round(s.requestsPerSecond * seconds);
stopServer({ child, port });
await new Promise((resolve) => child.once('exit', resolve));

// The main thread's profile is the largest; worker threads write their own.
const file = readdirSync(dir).map((f) => join(dir, f)).sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0]!;
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
const origins = new Map<string, number>();
// Where a function comes from: a package, our source tree, Node's own JavaScript, or native code.
const origin = (url: string) =>
  url === '' ? 'native (V8, libuv, system calls)' : url.startsWith('node:') ? 'node: (Node.js JavaScript)' : (/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? /\/main\/([^/]+(?:\/[^/]+)?)\//.exec(url)?.[1] ?? url);
p.samples.forEach((nodeId, i) => {
  const f = byId.get(nodeId)!.callFrame;
  if (f.functionName === '(idle)') return;
  const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|main)\//, '')}${f.url ? `:${f.lineNumber + 1}` : ''}`;
  const t = p.timeDeltas[i] ?? 0;
  self.set(key, (self.get(key) ?? 0) + t);
  origins.set(origin(f.url), (origins.get(origin(f.url)) ?? 0) + t);
});
const busy = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`${c.id}: ${s.requestsPerSecond.toFixed(0)} requests/s, server CPU ${s.cpuMicrosPerRequest.toFixed(0)} µs per request (all threads); main thread busy ${(busy / requests).toFixed(0)} µs per request (profile includes start-up)`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${(v / requests).toFixed(1).padStart(9)} µs ${((100 * v) / busy).toFixed(1).padStart(5)}%  ${k}`);
console.log('by origin:');
for (const [k, v] of [...origins].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${(v / requests).toFixed(1).padStart(9)} µs ${((100 * v) / busy).toFixed(1).padStart(5)}%  ${k}`);
console.log(`profile: ${file}`);
