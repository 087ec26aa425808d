/**
 * Slopes of a saved soak (SOAK_OUT=file npm run soak) over another window:
 * `node bench/service/soak-slopes.ts file.json FROM TO` (minutes) prints, for resident memory and its parts,
 * the least-squares slope per minute over every sample in [FROM, TO), over each whole minute's
 * minimum, and the minimum and maximum. Used to compare a 30-minute run's first ten minutes with
 * the ten-minute runs, whose one-minute warm-up leaves the start-up ramp inside the fit.
 */
import { readFileSync } from 'node:fs';
import { slope } from './load.ts';

const [file, fromArg, toArg] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/service/soak-slopes.ts SOAK_OUT.json [FROM minutes] [TO minutes]');
const run = JSON.parse(readFileSync(file, 'utf8')) as { minutes: number; total?: number; samples: { t: number; values: Record<string, number> }[] };
const from = Number(fromArg ?? 1);
const to = Number(toArg ?? run.total ?? run.minutes);
const window = run.samples.filter((s) => s.t >= from && s.t < to);

const mib = (v: number) => (v / 2 ** 20).toFixed(1);
console.log(`${file}: minutes ${from} to ${to}, ${window.length} samples`);
console.log('| series | min | max | slope per minute | slope of per-minute minimum |');
console.log('|---|---|---|---|---|');
for (const k of ['rss', 'brk', 'arenas', 'otherAnon', 'mainHeapPhysical', 'workerHeapPhysical', 'heap', 'external']) {
  const ys = window.map((s) => s.values[k]!);
  const floors = new Map<number, number>();
  for (const s of window) floors.set(Math.floor(s.t), Math.min(floors.get(Math.floor(s.t)) ?? Infinity, s.values[k]!));
  const whole = [...floors].filter(([m]) => m + 1 <= to);
  console.log(`| ${k} | ${mib(Math.min(...ys))} | ${mib(Math.max(...ys))} | ${mib(slope(window.map((s) => ({ x: s.t, y: s.values[k]! }))))} | ${mib(slope(whole.map(([x, y]) => ({ x, y }))))} |`);
}
