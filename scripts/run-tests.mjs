// `npm test`: type-check, then every test file under node's test runner (spec reporter).
// Test files: **/test/**/*.test.ts in the workspaces (node_modules excluded).
import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

const tsc = join(root, 'node_modules/typescript/bin/tsc');
if (run(process.execPath, [tsc, '-p', 'tsconfig.json']) !== 0) {
  console.error('type-check failed');
  process.exit(1);
}

const patterns = ['kernels/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'grafana/test/**/*.test.ts', 'alerts/test/**/*.test.ts', 'test/**/*.test.ts', 'bench/test/**/*.test.ts', 'deploy/test/**/*.test.ts'];
const files = patterns.flatMap((p) => globSync(p, { cwd: root, exclude: (f) => f.includes('node_modules') })).sort();
const only = process.argv.slice(2);
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;
process.exit(run(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...selected]));
