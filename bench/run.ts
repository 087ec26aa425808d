// npm run bench / npm run bench:quick — every benchmark in turn, then the report:
//   kernels.bench.ts (kernel paths), peers.bench.ts (JavaScript libraries), service.bench.ts
//   (the service under autocannon), report.ts (REPORT.md and charts). Each runs as its own process.
import { spawnSync } from 'node:child_process';
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
const started = performance.now();
for (const [file, flags] of steps) {
  const t0 = performance.now();
  const args = [...flags, join(here, file), ...(quick && file !== 'report.ts' ? ['--quick'] : [])];
  const r = spawnSync(process.execPath, args, { cwd: here, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`bench: ${file} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  console.log(`bench: ${file} done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
console.log(`bench: all done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
