// `npm test`: type-check, then every test file under node's test runner (spec reporter), then a
// summary that counts what did not run and why.
//   npm test                      everything
//   npm test -- alerts grafana    only the files whose path contains one of the fragments
// Test files: **/test/**/*.test.ts in the workspaces (node_modules excluded).
//
// Tests that need an external program (promtool, amtool, Alertmanager, Python's prometheus_client)
// get it from scripts/external-tools.ts first (PATH, a cache, Debian's packages, a local Docker
// image); what it cannot get is listed, and those tests report NOT RUN instead of failing.
// CHITTI_REQUIRE_ALL=1 (set by .ci/run) makes every test that did not run a failure, except the
// few of ALLOWED_IN_CI (scripts/test-summary.ts), and implies CHITTI_REQUIRE_INTEGRATION=1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTools } from './external-tools.ts';
import { testFiles } from './test-files.ts';
import { report } from './test-summary.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const truthy = (v) => ['1', 'true', 'yes'].includes((v ?? '').toLowerCase());
const requireAll = truthy(process.env.CHITTI_REQUIRE_ALL);

/** Files whose tests need external programs (see scripts/external-tools.ts). */
const NEEDS_TOOLS = ['alerts/test/', 'services/compute/test/metrics.test.ts', 'services/compute/test/otel-metrics.test.ts'];

const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

const tsc = join(root, 'node_modules/typescript/bin/tsc');
if (run(process.execPath, [tsc, '-p', 'tsconfig.json']) !== 0) {
  console.error('type-check failed');
  process.exit(1);
}

const files = testFiles(root);
const only = process.argv.slice(2);
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;
if (selected.length === 0) {
  console.error(`no test file matches ${only.join(', ')}`);
  process.exit(1);
}

const env = { ...process.env, ...(requireAll ? { CHITTI_REQUIRE_INTEGRATION: '1' } : {}) };
if (selected.some((f) => NEEDS_TOOLS.some((n) => f.startsWith(n)))) {
  const tools = ensureTools();
  Object.assign(env, tools.env);
  for (const [name, why] of tools.missing) console.log(`[tools] NOT AVAILABLE: ${name}: ${why}`);
}

const reportDir = mkdtempSync(join(tmpdir(), 'chitti-test-summary-'));
const reportFile = join(reportDir, 'summary.jsonl');
const status = run(process.execPath, [
  '--test', '--test-concurrency=2',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  `--test-reporter=${join(root, 'scripts/test-summary-reporter.mjs')}`, `--test-reporter-destination=${reportFile}`,
  ...selected,
], env);

let summary;
try {
  summary = JSON.parse(readFileSync(reportFile, 'utf8').trim().split('\n').pop());
} catch {
  summary = null;
}
rmSync(reportDir, { recursive: true, force: true });
const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (!summary) {
  console.error(`\nnpm test: no summary from the test runner (exit code ${status}) after ${seconds} s`);
  process.exit(status || 1);
}

const { lines, refused } = report(summary, { root, requireAll, files: selected.length, seconds });
console.log(`\n${lines.join('\n')}`);
process.exit(refused.length ? 1 : status);
