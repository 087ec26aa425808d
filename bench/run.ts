// npm run bench / npm run bench:quick — every benchmark in turn, then the report:
//   kernels.bench.ts (kernel paths), peers.bench.ts (JavaScript libraries), service.bench.ts
//   (the service under autocannon), report.ts (REPORT.md and charts). Each runs as its own process.
//   Writes results/run.json (start, end, wall time of each step) before the report, which states it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
const steps: [string, string[]][] = [
  ['kernels.bench.ts', ['--expose-gc']],
  ['peers.bench.ts', ['--expose-gc']],
  ['service.bench.ts', []],
  ['report.ts', []],
];
// The bounds on the whole run: 15 minutes, 2 with --quick.
const budgetSeconds = quick ? 120 : 900;
const start = new Date().toISOString();
const started = performance.now();
const done: { file: string; seconds: number }[] = [];
for (const [file, flags] of steps) {
  if (file === 'report.ts') {
    // Written before the report, which states the run's wall time (its own few seconds excluded).
    const end = new Date().toISOString();
    const totalSeconds = Math.round((performance.now() - started) / 1000);
    mkdirSync(join(here, 'results'), { recursive: true });
    writeFileSync(join(here, 'results/run.json'), JSON.stringify({ start, end, quick, steps: done, totalSeconds, budgetSeconds }, null, 2) + '\n');
  }
  const t0 = performance.now();
  const args = [...flags, join(here, file), ...(quick && file !== 'report.ts' ? ['--quick'] : [])];
  const r = spawnSync(process.execPath, args, { cwd: here, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`bench: ${file} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  const seconds = Math.round((performance.now() - t0) / 1000);
  done.push({ file, seconds });
  console.log(`bench: ${file} done in ${seconds} s`);
}
console.log(`bench: all done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
